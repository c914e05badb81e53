//! Values and rows: what crosses between Rust and either store.
//!
//! [`Value`] is the one currency: bound to a placeholder through [`ToValue`] and [`Params`],
//! read back from a [`Row`] through [`FromValue`]. Both engines convert to and from it, so a
//! table module never sees a driver's own types.

use crate::db::DbError;

/// A value bound to a placeholder or read from a column.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// Every integer column (SQLite INTEGER, PostgreSQL BIGINT).
    Int(i64),
    /// A boolean expression's result on PostgreSQL (`x IS NULL` in a select list).
    Bool(bool),
    /// Floating point.
    Real(f64),
    /// Text.
    Text(String),
    /// Bytes.
    Blob(Vec<u8>),
}

/// A Rust value that can be bound to a placeholder.
pub trait ToValue {
    /// The value as bound.
    fn to_value(&self) -> Value;
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}
impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_owned())
    }
}
impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}
impl ToValue for bool {
    fn to_value(&self) -> Value {
        Value::Int(i64::from(*self))
    }
}
impl ToValue for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
}
impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}
impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, |v| v.to_value())
    }
}
macro_rules! int_to_value {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value {
                // Every integer the store keeps fits an i64 (milliseconds, counts, positions).
                Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_to_value!(i8, i16, i32, i64, u8, u16, u32, u64, usize);

/// A column's value read as a Rust type.
pub trait FromValue: Sized {
    /// Converts, or says which type was found.
    fn from_value(v: &Value) -> Result<Self, String>;
}

fn mismatch<T>(want: &str, got: &Value) -> Result<T, String> {
    let got = match got {
        Value::Null => "null",
        Value::Int(_) => "integer",
        Value::Bool(_) => "boolean",
        Value::Real(_) => "real",
        Value::Text(_) => "text",
        Value::Blob(_) => "blob",
    };
    Err(format!("expected {want}, found {got}"))
}

impl FromValue for String {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Text(s) => Ok(s.clone()),
            other => mismatch("text", other),
        }
    }
}
impl FromValue for bool {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Int(i) => Ok(*i != 0),
            Value::Bool(b) => Ok(*b),
            other => mismatch("boolean", other),
        }
    }
}
impl FromValue for f64 {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Real(r) => Ok(*r),
            Value::Int(i) => Ok(*i as f64),
            other => mismatch("real", other),
        }
    }
}
impl FromValue for Vec<u8> {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Blob(b) => Ok(b.clone()),
            Value::Text(s) => Ok(s.as_bytes().to_vec()),
            other => mismatch("blob", other),
        }
    }
}
impl FromValue for Value {
    fn from_value(v: &Value) -> Result<Self, String> {
        Ok(v.clone())
    }
}
impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value) -> Result<Self, String> {
        match v {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}
macro_rules! int_from_value {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(v: &Value) -> Result<Self, String> {
                match v {
                    Value::Int(i) => <$t>::try_from(*i)
                        .map_err(|_| format!("{i} does not fit {}", stringify!($t))),
                    Value::Bool(b) => Ok(<$t>::from(*b)),
                    other => mismatch("integer", other),
                }
            }
        }
    )*};
}
int_from_value!(i8, i16, i32, i64, u8, u16, u32, u64, usize);

/// The values bound to a statement's placeholders, in order.
pub trait Params {
    /// The values.
    fn values(&self) -> Vec<Value>;
}
impl Params for () {
    fn values(&self) -> Vec<Value> {
        Vec::new()
    }
}
impl<T: ToValue, const N: usize> Params for [T; N] {
    fn values(&self) -> Vec<Value> {
        self.iter().map(ToValue::to_value).collect()
    }
}
impl Params for &[&dyn ToValue] {
    fn values(&self) -> Vec<Value> {
        self.iter().map(|v| v.to_value()).collect()
    }
}
impl Params for Vec<Value> {
    fn values(&self) -> Vec<Value> {
        self.clone()
    }
}

/// Placeholder values of mixed types: `params![a, b, c]`, as rusqlite's macro.
#[macro_export]
macro_rules! sql_params {
    () => { () };
    ($($v:expr),+ $(,)?) => {
        &[$(&$v as &dyn $crate::db::sql::ToValue),+] as &[&dyn $crate::db::sql::ToValue]
    };
}
pub use crate::sql_params as params;

/// Column positions: [`Row::get`] takes the column's index.
pub trait RowIndex {
    /// The index.
    fn index(&self) -> usize;
}
impl RowIndex for usize {
    fn index(&self) -> usize {
        *self
    }
}

/// One row of a result, read whole.
#[derive(Debug)]
pub struct Row {
    pub(super) values: Vec<Value>,
}

impl Row {
    /// Column `i` as a `T`; an error names the column and what was found.
    pub fn get<I: RowIndex, T: FromValue>(&self, i: I) -> Result<T, DbError> {
        let i = i.index();
        let v = self.values.get(i).ok_or(DbError::Column {
            index: i,
            detail: "no such column".into(),
        })?;
        T::from_value(v).map_err(|detail| DbError::Column { index: i, detail })
    }
}

/// `query_row(..).optional()`: no row is `None`, as in rusqlite.
pub trait OptionalExtension<T> {
    /// `Ok(None)` for "no row", other errors as they were.
    fn optional(self) -> Result<Option<T>, DbError>;
}
impl<T> OptionalExtension<T> for Result<T, DbError> {
    fn optional(self) -> Result<Option<T>, DbError> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(DbError::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
