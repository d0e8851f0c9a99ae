//! Library errors as Python `ValueError` with the same message.

use pyo3::exceptions::PyValueError;
use pyo3::PyErr;

/// Converts a library error into `ValueError(message)`.
pub fn to_py(e: muforce::Error) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// `Result` of the library, mapped to a Python exception.
pub trait IntoPy<T> {
    /// Maps the error to `ValueError`.
    fn py(self) -> Result<T, PyErr>;
}

impl<T> IntoPy<T> for muforce::Result<T> {
    fn py(self) -> Result<T, PyErr> {
        self.map_err(to_py)
    }
}
