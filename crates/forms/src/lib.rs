//! supportplan-forms (work in progress): the built-in council forms.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod extract;
