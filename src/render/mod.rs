//! Renderers over the layout model.

pub mod docx;
pub mod pdf;
