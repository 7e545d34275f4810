-- V6: sources.file_name carries no folder of the importing user's machine. Before this version
-- an import stored the path as typed, often absolute (/home/…/qingshan.toml), and `sources`,
-- `export --tables` and the site showed it; an import now stores the file's name, or its path
-- under the working directory. Here a stored path that is absolute, or that climbs out with
-- `..`, keeps only its last part (the file's name); other relative paths ('seed/…toml') stay.
--
-- rtrim(file_name, <its characters other than '/'>) leaves the folders up to the last '/';
-- what follows them is the file's name.
UPDATE sources
   SET file_name = substr(file_name, length(rtrim(file_name, replace(file_name, '/', ''))) + 1)
 WHERE file_name LIKE '/%'
    OR file_name LIKE '../%'
    OR file_name LIKE '%/../%';
