//! `RAYON_NUM_THREADS`, read by the thread pool every command uses: checked
//! before the pool starts, since rayon takes any number it can parse, and a
//! pool of a million threads fails to start with a panic.

use std::ffi::OsStr;

use crate::error::Fatal;

pub const THREADS_ENV: &str = "RAYON_NUM_THREADS";

/// Most threads accepted: far more cores than an office computer has.
const MAX_THREADS: u32 = 256;

/// An environment error unless the variable is unset, empty, or a whole
/// number from 0 (rayon's default, one thread a core) to [`MAX_THREADS`].
pub fn check_from_env() -> Result<(), Fatal> {
    check(std::env::var_os(THREADS_ENV).as_deref())
}

fn check(value: Option<&OsStr>) -> Result<(), Fatal> {
    let Some(value) = value.filter(|v| !v.is_empty()) else { return Ok(()) };
    let text = value.to_string_lossy();
    match text.trim().parse::<u32>() {
        Ok(n) if n <= MAX_THREADS => Ok(()),
        _ => Err(Fatal::environment(format!(
            "biến {THREADS_ENV} ghi `{text}`, không phải một số luồng từ 0 đến {MAX_THREADS}"
        ))
        .with_hint(format!(
            "bỏ biến {THREADS_ENV} để dùng mọi lõi của máy, hoặc đặt số luồng (ví dụ 1 để chạy từng văn bản một)"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thread_count_is_range_checked() {
        let check_text = |text: &str| check(Some(OsStr::new(text)));
        assert_eq!(check(None), Ok(()));
        for good in ["", "0", "1", " 2 ", "256"] {
            assert_eq!(check_text(good), Ok(()), "{good}");
        }
        for bad in ["257", "1000000", "-1", "1.5", "hai", "99999999999999999999"] {
            let err = check_text(bad).unwrap_err();
            assert_eq!(err.kind, crate::error::FatalKind::Environment, "{bad}");
            assert_eq!(
                err.message,
                format!("biến RAYON_NUM_THREADS ghi `{bad}`, không phải một số luồng từ 0 đến 256"),
                "{bad}"
            );
        }
    }
}
