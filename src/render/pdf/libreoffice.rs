//! PDF through LibreOffice (`soffice --headless --convert-to pdf`), when it is installed: the
//! `--pdf-engine libreoffice` path, for whoever wants Word-exact output.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a conversion may take before it is killed.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// What to tell a user who has no LibreOffice.
pub const INSTALL_HINT: &str = "LibreOffice is not installed; install it (Debian/Ubuntu: `sudo apt-get install libreoffice-writer-nogui fonts-liberation2`; Windows and macOS: from libreoffice.org) and try again";

/// The names LibreOffice's converter goes by on this system.
#[cfg(windows)]
const NAMES: &[&str] = &["soffice.exe", "soffice.com"];
#[cfg(not(windows))]
const NAMES: &[&str] = &["soffice", "libreoffice"];

/// Where LibreOffice installs off the PATH: `Program Files` on Windows, the application
/// bundle on macOS (the Linux packages put `soffice` on the PATH).
fn install_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if cfg!(windows) {
        for var in ["ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"] {
            if let Some(p) = std::env::var_os(var) {
                dirs.push(PathBuf::from(p).join("LibreOffice").join("program"));
            }
        }
    } else if cfg!(target_os = "macos") {
        dirs.push(PathBuf::from(
            "/Applications/LibreOffice.app/Contents/MacOS",
        ));
        if let Some(home) = std::env::var_os("HOME") {
            dirs.push(PathBuf::from(home).join("Applications/LibreOffice.app/Contents/MacOS"));
        }
    }
    dirs
}

/// Finds LibreOffice: on the PATH, else where it installs on this system.
pub fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(install_dirs())
        .flat_map(|dir| NAMES.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// The `file://` URL of a folder, as LibreOffice's `-env:UserInstallation` wants it
/// (`file:///C:/Users/…` on Windows).
fn file_url(dir: &Path) -> String {
    let s = dir.display().to_string().replace('\\', "/");
    if s.starts_with('/') {
        format!("file://{s}")
    } else {
        format!("file:///{s}")
    }
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

/// Converts several DOCX files with one LibreOffice process (its batch mode: the start-up is
/// paid once); the PDFs come back in the same order.
pub fn from_docx_many(docs: &[Vec<u8>]) -> Result<Vec<Vec<u8>>> {
    if docs.is_empty() {
        return Ok(Vec::new());
    }
    let bin = soffice().ok_or_else(|| Error::Convert(INSTALL_HINT.to_string()))?;
    let work = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let inputs = work.path().join("in");
    std::fs::create_dir_all(&inputs).map_err(|e| Error::io(&inputs, e))?;
    let mut paths = Vec::with_capacity(docs.len());
    for (i, d) in docs.iter().enumerate() {
        let p = inputs.join(format!("d{i:06}.docx"));
        std::fs::write(&p, d).map_err(|e| Error::io(&p, e))?;
        paths.push(p);
    }
    let profile = work.path().join("profile");
    convert_all(&bin, &paths, work.path(), &profile)?;
    (0..docs.len())
        .map(|i| {
            let out = work.path().join(format!("d{i:06}.pdf"));
            std::fs::read(&out).map_err(|e| Error::io(&out, e))
        })
        .collect()
}

fn convert(bin: &Path, input: &Path, out_dir: &Path, profile: &Path) -> Result<()> {
    convert_all(
        bin,
        std::slice::from_ref(&input.to_path_buf()),
        out_dir,
        profile,
    )
}

fn convert_all(bin: &Path, inputs: &[PathBuf], out_dir: &Path, profile: &Path) -> Result<()> {
    let profile_url = format!("-env:UserInstallation={}", file_url(profile));
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
        .args(inputs)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Convert(format!("cannot start {}: {e}", bin.display())))?;
    let start = Instant::now();
    // The first document pays LibreOffice's start-up; each further one takes a fraction.
    let limit = TIMEOUT + Duration::from_secs(2) * inputs.len().saturating_sub(1) as u32;
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                return Err(Error::Convert(format!("LibreOffice failed ({status})")));
            }
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::Convert(format!(
                    "LibreOffice did not finish within {} s",
                    limit.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(Error::Convert(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_urls_are_file_urls() {
        assert_eq!(file_url(Path::new("/tmp/x y")), "file:///tmp/x y");
        assert_eq!(file_url(Path::new("C:\\Users\\a")), "file:///C:/Users/a");
    }
}
