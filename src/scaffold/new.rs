//! `ntm new LOẠI TÊN`: a new document file with every field present and
//! explained, dated today, numbered automatically, as a draft; the issuer
//! follows the type (Party types go to the Party committee).

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Fatal;
use crate::load::schema::{CommuneFile, Family};
use crate::load::{self, yaml};
use crate::model::{Date, doctype};
use crate::vi::blank::blank;

/// Types a commune's Party committee issues, not its People's Committee.
const PARTY_TYPES: [&str; 4] = ["nghi-quyet", "chi-thi", "ket-luan", "thong-tri"];

/// Writes `documents/<name>.yaml` in `workspace` for document type `kind`,
/// dated `today`. Refuses an unknown type, a name that is not a plain file
/// name, and a name already taken.
pub fn new_document(workspace: &Path, kind: &str, name: &str, today: Date) -> Result<PathBuf, Fatal> {
    let Some(doc_type) = doctype::find(kind) else {
        return Err(Fatal::usage(format!("không có loại văn bản `{kind}`"))
            .with_hint(format!("các loại văn bản: {}", doctype::keys())));
    };
    let plain = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !name.starts_with('-');
    if !plain {
        return Err(Fatal::usage(format!("tên văn bản `{name}` không hợp lệ")).with_hint(
            "tên là tên tệp: chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ `tb-05-hop-ban-chi-dao`",
        ));
    }
    let commune_path = workspace.join(load::COMMUNE_FILE);
    let Ok(commune_text) = fs::read_to_string(&commune_path) else {
        return Err(Fatal::usage(format!(
            "thư mục `{}` không phải thư mục làm việc của ntm: thiếu tệp `{}`",
            workspace.display(),
            load::COMMUNE_FILE
        ))
        .with_hint(crate::scaffold::INIT_HINT));
    };
    let dir = workspace.join(load::DOCUMENTS_DIR);
    let path = dir.join(format!("{name}.yaml"));
    if path.exists() {
        return Err(Fatal::usage(format!("văn bản `{}` đã có", path.display()))
            .with_hint("chọn một tên khác; văn bản đã có thì sửa trực tiếp tệp của nó"));
    }
    let commune = yaml::parse::<CommuneFile>(&commune_path, &commune_text).ok();
    let party = PARTY_TYPES.contains(&doc_type.key) || doc_type.state_code.is_none() && doc_type.party_code.is_some();
    let family = if party { Family::Party } else { Family::State };
    let text = document_text(doc_type, family, commune.as_ref(), today);
    fs::create_dir_all(&dir).map_err(|e| super::write_error(&dir, &e))?;
    // Written whole to a temporary file and moved: never half a file, and
    // `persist_noclobber` keeps a file made meanwhile.
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| super::write_error(&dir, &e))?;
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(|e| super::write_error(&path, &e))?;
    tmp.persist_noclobber(&path).map_err(|e| super::write_error(&path, &e.error))?;
    Ok(path)
}

/// The issuer of `family` in the commune's file and the official who signs
/// for it, with the usual ids when the file cannot tell.
fn issuer_and_signer(family: Family, commune: Option<&CommuneFile>) -> (String, String) {
    let (issuer, signer, title) = match family {
        Family::Party => ("dang-uy", "bi-thu", "Bí thư"),
        Family::State => ("ubnd", "chu-tich-ubnd", "Chủ tịch UBND"),
    };
    let Some(c) = commune else { return (issuer.into(), signer.into()) };
    let issuer = c.issuers.iter().find(|(_, s)| s.family == family).map_or(issuer.to_string(), |(id, _)| id.clone());
    let signer = c
        .officials
        .iter()
        .find(|o| o.position.contains(title))
        .or(c.officials.first())
        .map_or(signer.to_string(), |o| o.id.value.clone());
    (issuer, signer)
}

fn document_text(doc_type: &doctype::DocType, family: Family, commune: Option<&CommuneFile>, today: Date) -> String {
    let (issuer, signer) = issuer_and_signer(family, commune);
    let numbered = doc_type.party_code.is_some() || doc_type.state_code.is_some();
    let (authority, position, recipient_store) = match family {
        Family::Party => ("T/M Ban Chấp hành", "Bí thư", "Lưu DU"),
        Family::State => ("TM. Ủy ban nhân dân", "Chủ tịch", "\"Lưu: VT, VP\""),
    };
    let number = if numbered {
        "number: auto              # số văn bản: auto = ntm lấy số kế tiếp trong sổ khi phát hành; hoặc ghi một số\n"
            .to_string()
    } else {
        "for_each: village         # giấy tờ không số: một bản cho mỗi thôn (bỏ dòng này nếu chỉ cần một bản)\n"
            .to_string()
    };
    // The fields some kinds need (a State letter's unit, the minutes'
    // secretary, the addressees of what is sent upward).
    let mut extra = String::new();
    if doc_type.is_letter() && family == Family::State {
        extra.push_str("unit: VP                  # mã đơn vị soạn thảo trong số công văn: Số: 23/UBND-VP\n");
    }
    if doc_type.is_minutes() {
        extra.push_str(&format!(
            "secretary: {signer}      # mã cán bộ ghi biên bản (ký bên trái); `signature` là người chủ trì\n"
        ));
    }
    if doc_type.takes_addressees() {
        extra.push_str("addressees: []            # Kính gửi, mỗi dòng một nơi, ví dụ: - Ban Thường vụ Đảng ủy xã\n");
    }
    let title = blank("trích yếu nội dung văn bản");
    let body = blank("nội dung văn bản");
    format!(
        "\
# {name} — văn bản mới do `ntm new` tạo. Sửa các dòng dưới đây; chỗ ghi «cần điền: …» phải
# thay bằng nội dung thật (thay cả ngoặc). Xong thì đổi `status: draft` thành `status: final`.

type: {key}               # loại văn bản (không sửa; muốn loại khác thì tạo văn bản mới)
issuer: {issuer}                 # mã cơ quan ban hành trong commune.yaml
{number}{extra}status: draft             # draft = dự thảo (in chữ “DỰ THẢO”, không vào sổ); final = phát hành
date: {today}          # ngày ban hành, NĂM-THÁNG-NGÀY
# place: Tên địa danh     # địa danh ở dòng ngày tháng; bỏ trống thì lấy tên xã
# subtitle: của Ban Chấp hành Đảng bộ xã   # dòng in dưới tên loại văn bản (không bắt buộc)
title: |                  # trích yếu; mỗi dòng ở đây là một dòng khi in
  {title}

grounds: []               # căn cứ ban hành, mỗi dòng một căn cứ, ví dụ: - Căn cứ Luật …

signature:
  authority: {authority}   # quyền hạn ký: T/M, K/T, T/L (Đảng) hoặc TM., KT., TL. (Nhà nước)
  position: {position}              # chức vụ người ký
  signer: {signer}          # mã cán bộ ký, trong commune.yaml

recipients:               # nơi nhận, mỗi dòng một nơi
  - {recipient_store}

# Nội dung: văn bản Markdown. Đoạn văn cách nhau một dòng trống; `## ` mở một mục lớn;
# `**đậm**`, `*nghiêng*`; `{{{{ commune.name }}}}`, `{{{{ document.year }}}}` chèn dữ liệu của xã.
body: |
  {body}
",
        name = doc_type.name.to_lowercase(),
        key = doc_type.key,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::schema::DocumentFile;

    fn workspace() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("commune.yaml"), include_str!("../../inputs/commune.yaml")).unwrap();
        dir
    }

    const TODAY: Date = Date { year: 2026, month: 3, day: 9 };

    #[test]
    fn party_types_go_to_the_party_committee_and_the_file_parses() {
        let ws = workspace();
        let path = new_document(ws.path(), "nghi-quyet", "nq-moi", TODAY).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let doc = yaml::parse::<DocumentFile>(&path, &text).unwrap();
        assert_eq!(doc.issuer.value, "dang-uy");
        assert_eq!(doc.signature.signer.value, "tran-xuan-huu");
        assert_eq!(doc.date.unwrap().value, "2026-03-09");
        assert!(text.contains("number: auto") && text.contains("status: draft"), "{text}");

        let path = new_document(ws.path(), "ke-hoach", "kh-moi", TODAY).unwrap();
        let doc = yaml::parse::<DocumentFile>(&path, &fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(doc.issuer.value, "ubnd");
        assert_eq!(doc.signature.signer.value, "chu-tich-ubnd");
    }

    #[test]
    fn every_type_writes_a_file_that_parses() {
        let ws = workspace();
        for t in doctype::DOC_TYPES {
            let path = new_document(ws.path(), t.key, &format!("vb-{}", t.key), TODAY).unwrap();
            let text = fs::read_to_string(&path).unwrap();
            yaml::parse::<DocumentFile>(&path, &text).unwrap_or_else(|d| panic!("{}: {d}", t.key));
        }
    }

    #[test]
    fn an_existing_name_an_unknown_type_and_a_bad_name_are_refused() {
        let ws = workspace();
        new_document(ws.path(), "bao-cao", "bc-1", TODAY).unwrap();
        let before = fs::read_to_string(ws.path().join("documents/bc-1.yaml")).unwrap();
        let err = new_document(ws.path(), "ke-hoach", "bc-1", TODAY).unwrap_err();
        assert!(err.message.contains("đã có"), "{}", err.message);
        assert_eq!(fs::read_to_string(ws.path().join("documents/bc-1.yaml")).unwrap(), before);
        let err = new_document(ws.path(), "cong-van-xyz", "x", TODAY).unwrap_err();
        assert!(err.hint.unwrap().contains("nghi-quyet"));
        let err = new_document(ws.path(), "bao-cao", "../ra-ngoai", TODAY).unwrap_err();
        assert!(err.message.contains("không hợp lệ"), "{}", err.message);
    }
}
