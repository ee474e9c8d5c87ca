//! Reading `meta.json` and `data.json` as the Typst layouts read them: a
//! missing key or a value of another type is empty, never a failure, so a
//! layout that prints a document also gets its `.docx`.

use serde_json::Value;

/// A value as display text: strings as they are, numbers and booleans
/// written out, anything else empty (the layouts' `_s`).
pub fn str_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(true) => "Có".to_string(),
        Value::Bool(false) => "Không".to_string(),
        _ => String::new(),
    }
}

/// `v[key]` as display text.
pub fn field(v: &Value, key: &str) -> String {
    str_of(&v[key])
}

/// `v[key]` as a list; empty when it is not one.
pub fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v[key].as_array().map(Vec::as_slice).unwrap_or_default()
}

/// A number, also when written as a string.
pub fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_and_mistyped_values_are_empty() {
        let v = json!({"a": "x", "n": 3, "b": true, "l": [1, 2], "o": {}});
        assert_eq!(field(&v, "a"), "x");
        assert_eq!(field(&v, "n"), "3");
        assert_eq!(field(&v, "b"), "Có");
        assert_eq!(field(&v, "o"), "");
        assert_eq!(field(&v, "missing"), "");
        assert_eq!(list(&v, "l").len(), 2);
        assert!(list(&v, "a").is_empty());
        assert_eq!(num(&json!("14")), Some(14.0));
        assert_eq!(num(&json!(null)), None);
    }
}
