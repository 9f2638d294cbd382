//! The files a mail message carries: each attachment's name (RFC 2047 and RFC 2231
//! forms decoded by mail-parser), media type and bytes. Pure: what to keep is the
//! `ingest` command's decision.

use mail_parser::{MessageParser, MimeHeaders};

/// One attached file.
#[derive(Debug, Clone, PartialEq)]
pub struct MailFile {
    /// As the sender named it (not yet cleaned for a file system).
    pub name: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// The attachments of a raw message, in order; none when it does not parse.
pub fn mail_files(raw: &[u8]) -> Vec<MailFile> {
    let Some(message) = MessageParser::default().parse(raw) else {
        return Vec::new();
    };
    message
        .attachments()
        .enumerate()
        .map(|(i, part)| {
            let mime = part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub),
                    None => ct.ctype().to_string(),
                })
                .unwrap_or_else(|| "application/octet-stream".to_string())
                .to_ascii_lowercase();
            let name = part
                .attachment_name()
                .map(str::to_string)
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| format!("attachment-{}", i + 1));
            MailFile {
                name,
                mime,
                bytes: part.contents().to_vec(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rfc2231_names_and_binary_content() {
        let raw = b"From: a@b.fi\r\nSubject: s\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nHei\r\n\
--XX\r\nContent-Type: image/png\r\nContent-Disposition: attachment;\r\n filename*=UTF-8''kuvakaappaus%20%C3%A4%C3%B6.png\r\n\
Content-Transfer-Encoding: base64\r\n\r\nAAEC/w==\r\n--XX--\r\n";
        let files = mail_files(raw);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].name, "kuvakaappaus äö.png");
        assert_eq!(files[0].mime, "image/png");
        assert_eq!(files[0].bytes, vec![0, 1, 2, 255]);
    }
}
