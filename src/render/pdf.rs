//! PDF through LibreOffice (`soffice --headless --convert-to pdf`), when it is installed.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a conversion may take before it is killed.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// What to tell a user who has no LibreOffice.
pub const INSTALL_HINT: &str =
    "LibreOffice is not installed; install it with `sudo apt-get install libreoffice-writer-nogui fonts-liberation2` (Debian/Ubuntu) and try again";

/// Finds `soffice` (or `libreoffice`) on the PATH.
pub fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["soffice", "libreoffice"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Converts DOCX bytes to PDF bytes, with a private LibreOffice profile and a timeout.
pub fn from_docx(docx: &[u8]) -> Result<Vec<u8>> {
    let bin = soffice().ok_or_else(|| Error::Convert(INSTALL_HINT.to_string()))?;
    let work = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let input = work.path().join("document.docx");
    std::fs::write(&input, docx).map_err(|e| Error::io(&input, e))?;
    let profile = work.path().join("profile");
    convert(&bin, &input, work.path(), &profile)?;
    let out = work.path().join("document.pdf");
    std::fs::read(&out).map_err(|e| Error::io(&out, e))
}

fn convert(bin: &Path, input: &Path, out_dir: &Path, profile: &Path) -> Result<()> {
    let profile_url = format!("-env:UserInstallation=file://{}", profile.display());
    let mut child = Command::new(bin)
        .arg(profile_url)
        .args([
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out_dir)
        .arg(input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Convert(format!("cannot start {}: {e}", bin.display())))?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                return Err(Error::Convert(format!("LibreOffice failed ({status})")));
            }
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::Convert(format!(
                    "LibreOffice did not finish within {} s",
                    TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(Error::Convert(e.to_string())),
        }
    }
}
