//! What is shown to the user: the listings and record definitions, the bundled reports, turning
//! query rows into display rows (money as 266億, qualifiers folded in), and writing them as a
//! table, CSV, JSON, NDJSON or Markdown; Datasette metadata from the schema's documentation; a
//! draft's preview page and the table of a folder's drafts.
//! Only this folder formats; it reads what the store returns and never opens a connection.

pub mod chart;
pub mod fit;
pub mod geojson;
pub mod html;
pub mod lang;
pub mod link;
pub mod listings;
pub mod map;
pub mod metadata;
pub mod output;
pub mod present;
pub mod preview;
pub mod records;
pub mod reports;
pub mod script;
pub mod site;
pub mod spool;
pub mod summary;
pub mod timeline;
