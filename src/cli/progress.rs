//! Progress of a build: a bar on a terminal, one plain line per document
//! otherwise (logs, CI, a pipe), so both people and files read well.

use indicatif::{ProgressBar, ProgressStyle};

use crate::diag::Severity;
use crate::pipeline::Progress;

pub enum Reporter {
    Bar(ProgressBar),
    Lines,
}

impl Reporter {
    pub fn new(interactive: bool) -> Reporter {
        if !interactive {
            return Reporter::Lines;
        }
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} Dàn trang [{bar:30}] {pos}/{len} văn bản {wide_msg}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        Reporter::Bar(bar)
    }

    pub fn report(&self, event: &Progress) {
        match self {
            Reporter::Bar(bar) => match event {
                Progress::Start { total } => bar.set_length(*total as u64),
                Progress::Typesetting { id } => bar.set_message(id.to_string()),
                Progress::Issued { issued } => {
                    bar.println(format!("  ✓ {}: đã ghi {}", issued.id, issued.pdf.display()));
                    bar.inc(1);
                }
                Progress::Failed { id, problems } => {
                    bar.println(failed_line(id, problems));
                    bar.inc(1);
                }
            },
            Reporter::Lines => match event {
                Progress::Start { total: 0 } => {}
                Progress::Start { total } => eprintln!("Dàn trang {total} văn bản…"),
                Progress::Typesetting { id } => eprintln!("  … {id}: đang dàn trang"),
                Progress::Issued { issued } => eprintln!("  ✓ {}: đã ghi {}", issued.id, issued.pdf.display()),
                Progress::Failed { id, problems } => eprintln!("{}", failed_line(id, problems)),
            },
        }
    }

    pub fn finish(&self) {
        if let Reporter::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

fn failed_line(id: &str, problems: &[crate::diag::Diagnostic]) -> String {
    let n = problems.iter().filter(|d| d.severity == Severity::Error).count();
    format!("  ✗ {id}: không dàn trang được ({n} lỗi, xem bên dưới)")
}
