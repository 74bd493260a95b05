//! An SMTP server for tests, on loopback: it speaks just enough of RFC 5321 (greeting,
//! EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) to take messages from a real client, keeps
//! what it received, and can refuse some recipients for good.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::OwnedWriteHalf;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A message as it arrived: the envelope, and the data with dot-stuffing undone.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

impl Received {
    /// The message as a mail client reads it (headers decoded, body in its charset).
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("a parsable message")
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    /// The plain-text body, with the wire's CRLF line ends as `\n`.
    pub fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|t| t.replace("\r\n", "\n"))
            .unwrap_or_default()
    }

    /// A header's raw value, trimmed.
    pub fn header(&self, name: &str) -> String {
        self.parsed()
            .header_raw(name)
            .unwrap_or_default()
            .trim()
            .to_owned()
    }
}

/// Which recipients the server refuses for good (`550`), as a real one refuses unknown users.
type Refuse = Arc<dyn Fn(&str) -> bool + Send + Sync>;

/// The server: listening until dropped.
pub struct SmtpSink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    task: JoinHandle<()>,
}

impl SmtpSink {
    /// A server on a free loopback port.
    pub async fn start() -> SmtpSink {
        Self::on(SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// A server on a free loopback port that refuses the recipients `refuse` picks.
    pub async fn refusing(refuse: impl Fn(&str) -> bool + Send + Sync + 'static) -> SmtpSink {
        Self::serve(SocketAddr::from(([127, 0, 0, 1], 0)), Arc::new(refuse)).await
    }

    /// A server on `addr` (e.g. the port a test reserved while the server was "down").
    pub async fn on(addr: SocketAddr) -> SmtpSink {
        Self::serve(addr, Arc::new(|_: &str| false)).await
    }

    async fn serve(addr: SocketAddr, refuse: Refuse) -> SmtpSink {
        let listener = TcpListener::bind(addr).await.expect("bind the SMTP sink");
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let kept = received.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, kept.clone(), refuse.clone()));
            }
        });
        SmtpSink {
            addr,
            received,
            task,
        }
    }

    /// `smtp://127.0.0.1:PORT`: plain SMTP, as to a local relay.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// One client connection, command by command.
async fn session(stream: TcpStream, received: Arc<Mutex<Vec<Received>>>, refuse: Refuse) {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader);
    if !reply(&mut writer, "220 sink.test ESMTP").await {
        return;
    }
    let (mut from, mut to) = (String::new(), Vec::new());
    loop {
        let mut line = String::new();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let answer = match verb.as_str() {
            "EHLO" => "250-sink.test\r\n250 8BITMIME",
            "HELO" | "NOOP" => "250 OK",
            "RSET" => {
                (from, to) = (String::new(), Vec::new());
                "250 OK"
            }
            "MAIL" => {
                from = address(&command);
                "250 OK"
            }
            "RCPT" => {
                let recipient = address(&command);
                if refuse(&recipient) {
                    "550 5.1.1 No such user here"
                } else {
                    to.push(recipient);
                    "250 OK"
                }
            }
            "DATA" => {
                if !reply(&mut writer, "354 End data with <CR><LF>.<CR><LF>").await {
                    return;
                }
                let mut data = Vec::new();
                loop {
                    let mut raw = Vec::new();
                    match lines.read_until(b'\n', &mut raw).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    if raw == b".\r\n" {
                        break;
                    }
                    let unstuffed = raw.strip_prefix(b".").unwrap_or(&raw);
                    data.extend_from_slice(unstuffed);
                }
                received.lock().unwrap().push(Received {
                    from: std::mem::take(&mut from),
                    to: std::mem::take(&mut to),
                    data,
                });
                "250 OK queued"
            }
            "QUIT" => {
                reply(&mut writer, "221 Bye").await;
                return;
            }
            _ => "502 Command not implemented",
        };
        if !reply(&mut writer, answer).await {
            return;
        }
    }
}

/// Sends one reply line; false when the client is gone.
async fn reply(writer: &mut OwnedWriteHalf, text: &str) -> bool {
    writer
        .write_all(format!("{text}\r\n").as_bytes())
        .await
        .is_ok()
}

/// The address in `MAIL FROM:<a@b> …` or `RCPT TO:<a@b>`.
fn address(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_owned())
        .unwrap_or_default()
}
