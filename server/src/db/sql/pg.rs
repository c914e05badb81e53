//! The PostgreSQL side of [`super::Connection`].
//!
//! The driver is `tokio-postgres` (the Rust PostgreSQL driver, with LISTEN/NOTIFY and
//! prepared-statement caching) behind a `deadpool-postgres` pool, over TLS with OpenSSL
//! (`postgres-openssl`, the same project's connector) whenever the server offers it. Its connections run on a
//! small runtime of their own ([`PgRuntime`]), so the store's synchronous callers (blocking
//! threads, the log writer's thread, the CLI) can wait for a query wherever they are, and a
//! busy hub's worker threads never drive database sockets.

use super::{numbered_placeholders, Row, Value};
use crate::db::DbError;
use bytes::BytesMut;
use std::future::Future;
use std::sync::Arc;
use tokio_postgres::types::{IsNull, ToSql, Type};

/// The runtime the PostgreSQL connections run on, and the way to wait for them.
pub struct PgRuntime {
    rt: Option<tokio::runtime::Runtime>,
}

impl PgRuntime {
    fn new() -> Result<PgRuntime, DbError> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("pg-io")
            .enable_all()
            .build()
            .map_err(|source| DbError::Io {
                action: "start the PostgreSQL runtime",
                path: Default::default(),
                source,
            })?;
        Ok(PgRuntime { rt: Some(rt) })
    }

    /// The runtime's handle, to spawn tasks (LISTEN, the lock session) on it.
    pub fn handle(&self) -> &tokio::runtime::Handle {
        self.rt.as_ref().expect("runtime lives until drop").handle()
    }

    /// Waits for `f`, whatever thread this is: a blocking-pool thread, a plain thread, or
    /// (start-up, CLI) a worker of a multi-threaded runtime, which steps aside. On a
    /// single-threaded runtime (tests) the wait moves to a thread of its own, since its one
    /// worker can neither block nor step aside.
    pub fn block<F: Future + Send>(&self, f: F) -> F::Output
    where
        F::Output: Send,
    {
        use tokio::runtime::{Handle, RuntimeFlavor};
        let h = self.handle();
        match Handle::try_current().map(|c| c.runtime_flavor()) {
            Ok(RuntimeFlavor::CurrentThread) => std::thread::scope(|s| {
                s.spawn(|| h.block_on(f))
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p))
            }),
            _ => tokio::task::block_in_place(|| h.block_on(f)),
        }
    }
}

impl Drop for PgRuntime {
    fn drop(&mut self) {
        // Dropped from async code at shutdown: don't wait for the connections' tasks.
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

/// A PostgreSQL store: the pool and its runtime.
#[derive(Clone)]
pub struct PgStore {
    rt: Arc<PgRuntime>,
    pool: deadpool_postgres::Pool,
    config: tokio_postgres::Config,
    tls: Tls,
}

/// How every session talks TLS.
pub type Tls = postgres_openssl::MakeTlsConnector;

/// The TLS connector of every session: OpenSSL, the server's certificate verified against the
/// system's CA certificates (or those `SSL_CERT_FILE` / `SSL_CERT_DIR` name, as OpenSSL reads
/// them) and its name against the host in the URL. Whether TLS is used is the URL's `sslmode`:
/// `prefer` (the default: when the server offers it), `require`, or `disable`. A certificate
/// that does not verify refuses the connection: the store is not used over a channel that
/// could be someone else's.
/// `sslrootcert=FILE` in the URL (as libpq takes it) adds the CA certificates in that PEM file,
/// such as the bundle a managed database's provider publishes.
fn tls(root_cert: Option<&str>) -> Result<Tls, DbError> {
    let tls_error = |e: openssl::error::ErrorStack| DbError::Config(format!("TLS: {e}"));
    let mut builder =
        openssl::ssl::SslConnector::builder(openssl::ssl::SslMethod::tls()).map_err(tls_error)?;
    if let Some(file) = root_cert {
        builder
            .set_ca_file(file)
            .map_err(|e| DbError::Config(format!("sslrootcert {file}: {e}")))?;
    }
    Ok(postgres_openssl::MakeTlsConnector::new(builder.build()))
}

/// Takes `sslrootcert=…` out of a URL's query (tokio-postgres does not know it).
fn split_root_cert(url: &str) -> (String, Option<String>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_owned(), None);
    };
    let mut root = None;
    let rest: Vec<&str> = query
        .split('&')
        .filter(|kv| match kv.strip_prefix("sslrootcert=") {
            Some(v) => {
                root = Some(v.to_owned());
                false
            }
            None => true,
        })
        .collect();
    let url = if rest.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", rest.join("&"))
    };
    (url, root)
}

/// How many connections a node keeps to PostgreSQL at most (API calls, loads of rooms; the
/// log writer, the lock session and LISTEN have their own).
const POOL_SIZE: usize = 12;

impl PgStore {
    /// Connects to `url` (`postgres://user:password@host:port/database`) and checks that a
    /// connection can be made.
    pub fn connect(url: &str) -> Result<PgStore, DbError> {
        let (url, root_cert) = split_root_cert(url);
        let mut config: tokio_postgres::Config = url
            .parse()
            .map_err(|e: tokio_postgres::Error| DbError::Config(e.to_string()))?;
        // A database that does not answer is found out in seconds, not minutes: a connect
        // gives up after 5 s, and a session whose peer went silent (a network partition, a
        // host that died without closing its sockets) is closed after about 25 s of silence,
        // which stops the rooms claimed on it. The URL's own settings win.
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(std::time::Duration::from_secs(5));
        }
        if !url.contains("keepalives") {
            config
                .keepalives_idle(std::time::Duration::from_secs(10))
                .keepalives_interval(std::time::Duration::from_secs(5))
                .keepalives_retries(3);
        }
        let rt = Arc::new(PgRuntime::new()?);
        let tls = tls(root_cert.as_deref())?;
        let manager = deadpool_postgres::Manager::from_config(
            config.clone(),
            tls.clone(),
            deadpool_postgres::ManagerConfig {
                recycling_method: deadpool_postgres::RecyclingMethod::Fast,
            },
        );
        let pool = {
            let _in_rt = rt.handle().enter();
            deadpool_postgres::Pool::builder(manager)
                .max_size(POOL_SIZE)
                .runtime(deadpool_postgres::Runtime::Tokio1)
                .wait_timeout(Some(std::time::Duration::from_secs(10)))
                .create_timeout(Some(std::time::Duration::from_secs(5)))
                .build()
                .map_err(|e| DbError::Config(e.to_string()))?
        };
        let store = PgStore {
            rt,
            pool,
            config,
            tls,
        };
        drop(store.get()?);
        Ok(store)
    }

    /// The runtime, for the cluster's own sessions.
    pub fn runtime(&self) -> &Arc<PgRuntime> {
        &self.rt
    }

    /// Opens a session outside the pool (LISTEN, locks), with the store's settings and TLS.
    /// Run it on the store's runtime: the connection's task is spawned where it is polled.
    pub async fn session(
        &self,
    ) -> Result<
        (
            tokio_postgres::Client,
            tokio_postgres::Connection<
                tokio_postgres::Socket,
                postgres_openssl::TlsStream<tokio_postgres::Socket>,
            >,
        ),
        tokio_postgres::Error,
    > {
        self.config.connect(self.tls.clone()).await
    }

    /// A pooled connection (waits up to 10 s for a free one).
    pub fn get(&self) -> Result<PgConnection, DbError> {
        let client = self
            .rt
            .block(self.pool.get())
            .map_err(|e| DbError::Pool(crate::db::error::with_causes(&e)))?;
        Ok(PgConnection {
            client: Client::Pooled(client),
            rt: self.rt.clone(),
        })
    }

    /// A connection of its own, outside the pool (the log writer keeps one for ever).
    pub fn dedicated(&self) -> Result<PgConnection, DbError> {
        let client = self.rt.block(async {
            let (client, connection) = self.session().await?;
            tokio::spawn(async move {
                if let Err(e) = connection.await {
                    tracing::warn!(error = %e, "PostgreSQL connection ended");
                }
            });
            Ok::<_, tokio_postgres::Error>(client)
        })?;
        Ok(PgConnection {
            client: Client::Own(client),
            rt: self.rt.clone(),
        })
    }
}

enum Client {
    Pooled(deadpool_postgres::Object),
    Own(tokio_postgres::Client),
}

/// One PostgreSQL session, pooled or dedicated.
pub struct PgConnection {
    client: Client,
    rt: Arc<PgRuntime>,
}

impl PgConnection {
    async fn statement(&self, sql: &str) -> Result<tokio_postgres::Statement, DbError> {
        let sql = numbered_placeholders(sql);
        Ok(match &self.client {
            Client::Pooled(c) => c.prepare_cached(&sql).await?,
            Client::Own(c) => c.prepare(&sql).await?,
        })
    }

    fn raw(&self) -> &tokio_postgres::Client {
        match &self.client {
            Client::Pooled(c) => c,
            Client::Own(c) => c,
        }
    }

    pub(super) fn execute(&self, sql: &str, values: &[Value]) -> Result<usize, DbError> {
        self.rt.block(async {
            let stmt = self.statement(sql).await?;
            let params: Vec<&(dyn ToSql + Sync)> =
                values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
            let n = self.raw().execute(&stmt, &params).await?;
            Ok(usize::try_from(n).unwrap_or(usize::MAX))
        })
    }

    pub(super) fn query(&self, sql: &str, values: &[Value]) -> Result<Vec<Row>, DbError> {
        self.rt.block(async {
            let stmt = self.statement(sql).await?;
            let params: Vec<&(dyn ToSql + Sync)> =
                values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
            let rows = self.raw().query(&stmt, &params).await?;
            rows.iter().map(read_row).collect()
        })
    }

    pub(super) fn batch(&self, sql: &str) -> Result<(), DbError> {
        self.rt.block(self.raw().batch_execute(sql))?;
        Ok(())
    }

    pub(super) fn is_closed(&self) -> bool {
        self.raw().is_closed()
    }
}

fn read_row(row: &tokio_postgres::Row) -> Result<Row, DbError> {
    let mut values = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let err = |e: tokio_postgres::Error| DbError::Column {
            index: i,
            detail: e.to_string(),
        };
        let v = match *col.type_() {
            Type::INT8 => row
                .try_get::<_, Option<i64>>(i)
                .map_err(err)?
                .map(Value::Int),
            Type::INT4 => row
                .try_get::<_, Option<i32>>(i)
                .map_err(err)?
                .map(|v| Value::Int(v.into())),
            Type::INT2 => row
                .try_get::<_, Option<i16>>(i)
                .map_err(err)?
                .map(|v| Value::Int(v.into())),
            Type::BOOL => row
                .try_get::<_, Option<bool>>(i)
                .map_err(err)?
                .map(Value::Bool),
            Type::FLOAT8 => row
                .try_get::<_, Option<f64>>(i)
                .map_err(err)?
                .map(Value::Real),
            Type::FLOAT4 => row
                .try_get::<_, Option<f32>>(i)
                .map_err(err)?
                .map(|v| Value::Real(v.into())),
            Type::BYTEA => row
                .try_get::<_, Option<Vec<u8>>>(i)
                .map_err(err)?
                .map(Value::Blob),
            _ => row
                .try_get::<_, Option<String>>(i)
                .map_err(err)?
                .map(Value::Text),
        };
        values.push(v.unwrap_or(Value::Null));
    }
    Ok(Row { values })
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let int = |i: i64, out: &mut BytesMut| match *ty {
            Type::INT8 => i.to_sql(ty, out),
            Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
            Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
            Type::BOOL => (i != 0).to_sql(ty, out),
            Type::FLOAT8 => (i as f64).to_sql(ty, out),
            Type::TEXT | Type::VARCHAR => i.to_string().to_sql(ty, out),
            _ => Err(format!("an integer cannot go into a {ty} parameter").into()),
        };
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => int(*i, out),
            Value::Bool(b) => match *ty {
                Type::BOOL => b.to_sql(ty, out),
                _ => int(i64::from(*b), out),
            },
            Value::Real(r) => match *ty {
                Type::FLOAT4 => (*r as f32).to_sql(ty, out),
                _ => r.to_sql(ty, out),
            },
            Value::Text(s) => s.as_str().to_sql(ty, out),
            Value::Blob(b) => b.as_slice().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    tokio_postgres::types::to_sql_checked!();
}

#[cfg(test)]
mod tests {
    use super::split_root_cert;

    #[test]
    fn the_root_certificate_is_taken_out_of_the_url() {
        assert_eq!(
            split_root_cert("postgres://u@h/db?sslmode=require&sslrootcert=/etc/ca.pem"),
            (
                "postgres://u@h/db?sslmode=require".to_owned(),
                Some("/etc/ca.pem".to_owned())
            )
        );
        assert_eq!(
            split_root_cert("postgres://u@h/db?sslrootcert=/c.pem"),
            ("postgres://u@h/db".to_owned(), Some("/c.pem".to_owned()))
        );
        assert_eq!(
            split_root_cert("postgres://u@h/db"),
            ("postgres://u@h/db".to_owned(), None)
        );
    }
}
