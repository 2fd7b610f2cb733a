//! Renderers over the layout model.

pub mod docx;
pub mod html;
pub mod ooxml;
pub mod pdf;
