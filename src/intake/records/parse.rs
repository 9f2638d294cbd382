//! One record read straight from its JSON text: the object's keys are streamed into
//! a [`Builder`] in the file's order, each value checked as it comes, the entries
//! of `events`, `comments`, `worklog` and `links` one at a time. No tree of the
//! whole record is built and nothing is parsed twice: this reader and a CSV row
//! feed the same builder, the one set of rules for a record.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

use super::*;

/// One line of JSONL (or one element of a JSON array) as a record, or the reason
/// it is not one: `field "events[2].at": invalid time "eilen": use RFC 3339 …`, or
/// `not valid JSON: …`.
pub fn record_from_bytes(bytes: &[u8], d: Defaults) -> Result<Record, String> {
    let mut b = Builder::new(d);
    let mut failed = None;
    let visitor = RecordVisitor {
        b: &mut b,
        failed: &mut failed,
    };
    // Text checked as UTF-8 once, whole, is read without checking each string again
    // (that was a tenth of the reading thread's time); text that is not UTF-8 is read
    // as bytes, so that serde_json says where it goes wrong.
    let read = match std::str::from_utf8(bytes) {
        Ok(text) => read_whole(serde_json::Deserializer::from_str(text), visitor),
        Err(_) => read_whole(serde_json::Deserializer::from_slice(bytes), visitor),
    };
    match (read, failed) {
        // Text that is not JSON says so first, wherever a field went wrong.
        (_, Some(e)) => match serde_json::from_slice::<IgnoredAny>(bytes) {
            Ok(_) => Err(e.to_string()),
            Err(e) => Err(not_json(&e)),
        },
        (Err(e), None) => Err(not_json(&e)),
        (Ok(()), None) => b.finish().map_err(|e| e.to_string()),
    }
}

/// serde_json's message without its position: the caller knows the line.
fn not_json(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = msg
        .rsplit_once(" at line ")
        .map_or(msg.as_str(), |(m, _)| m);
    format!("not valid JSON: {msg}")
}

/// Keeps the field's error for the caller and stops the reader (its own message
/// is never shown).
fn fail<E: de::Error>(failed: &mut Option<FieldError>, e: FieldError) -> E {
    *failed = Some(e);
    E::custom("")
}

/// One JSON value through `visitor`, and nothing after it.
fn read_whole<'de, R: serde_json::de::Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    visitor: RecordVisitor,
) -> serde_json::Result<()> {
    de.deserialize_any(visitor).and_then(|()| de.end())
}

struct RecordVisitor<'b, 'd> {
    b: &'b mut Builder<'d>,
    failed: &'b mut Option<FieldError>,
}

impl RecordVisitor<'_, '_> {
    fn not_an_object<E: de::Error>(self, kind: &str) -> Result<(), E> {
        let e = FieldError::new("", format!("expected a JSON object, got {kind}"));
        Err(fail(self.failed, e))
    }
}

impl<'de> Visitor<'de> for RecordVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a ticket or an article")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Key(k)) = map.next_key::<Key>()? {
            let set = match k.as_ref() {
                "events" | "comments" | "worklog" | "links" | "attachments" | "mail" => {
                    map.next_value_seed(Entries {
                        key: &k,
                        b: self.b,
                        failed: self.failed,
                    })?;
                    continue;
                }
                // Derived values, not taken: skipped unread.
                "response_due" | "resolve_due" | "sla" => {
                    map.next_value::<IgnoredAny>()?;
                    self.b.set(&k, &Json::Null)
                }
                _ => {
                    let v: Json = map.next_value()?;
                    self.b.set(&k, &v)
                }
            };
            set.map_err(|e| fail(self.failed, e))?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        self.not_an_object("an array")
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.not_an_object("a string")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.not_an_object("a boolean")
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.not_an_object("a number")
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.not_an_object("a number")
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.not_an_object("a number")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.not_an_object("null")
    }
}

/// The value of `events`, `comments`, `worklog` or `links`: null (none), or an
/// array whose entries go to the builder one at a time.
struct Entries<'k, 'b, 'd> {
    key: &'k str,
    b: &'b mut Builder<'d>,
    failed: &'b mut Option<FieldError>,
}

impl Entries<'_, '_, '_> {
    fn not_an_array<E: de::Error>(self, shown: String) -> Result<(), E> {
        let e = FieldError::new(self.key, format!("expected an array, got {shown}"));
        Err(fail(self.failed, e))
    }
}

impl<'de> DeserializeSeed<'de> for Entries<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Entries<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.b
            .start_entries(self.key)
            .map_err(|e| fail(self.failed, e))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.b
            .start_entries(self.key)
            .map_err(|e| fail(self.failed, e))?;
        let mut i = 0;
        while let Some(v) = seq.next_element::<Json>()? {
            self.b
                .entry(self.key, i, &v)
                .map_err(|e| fail(self.failed, e))?;
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        self.not_an_array("an object".into())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.not_an_array(format!("{v:?}"))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.not_an_array(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.not_an_array(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.not_an_array(i64::try_from(v).map_or((v as f64).to_string(), |n| n.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.not_an_array(v.to_string())
    }
}
