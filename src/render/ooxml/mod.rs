//! Office Open XML output that Word opens without a repair: docx-rs writes the
//! WordprocessingML, [`order`] puts the children of its property elements in the schema's
//! order, and [`package`] assembles the package with real properties and no empty part.

pub mod order;
pub mod package;
pub mod properties;

pub use package::{write_docx, PackageError};
pub use properties::{timestamp, Properties};
