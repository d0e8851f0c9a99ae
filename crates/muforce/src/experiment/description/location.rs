//! Errors that point at a place in an experiment file: file, line, column and field.

use crate::error::Error;
use std::fmt::Display;
use std::ops::Range;

/// The text of an experiment file and its name, for locating errors.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Located<'a> {
    pub source_name: &'a str,
    pub text: &'a str,
}

impl Located<'_> {
    /// (line, column), both from 1, of byte `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        (line, column)
    }

    /// A parse error at `span` naming `field`: `file: line L, column C: field `f`: message`.
    pub fn error(&self, span: Range<usize>, field: &str, message: impl Display) -> Error {
        let (line, column) = self.line_column(span.start);
        Error::Parse {
            source_name: self.source_name.to_string(),
            message: format!("line {line}, column {column}: field `{field}`: {message}"),
        }
    }
}
