/* pb-store.c: opening the store, and the helpers its parts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-store-private.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pb-error.h"

/* docs/store.md describes the schema, the migrations and the rules below. */

G_DEFINE_FINAL_TYPE (PbStore, pb_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_store_finalize (GObject *object)
{
  PbStore *self = (PbStore *)object;

  /* Queued calls hold a reference: by now the worker has nothing left. */
  _pb_store_stop_worker (self);

  /* A clean close checkpoints the WAL, leaving one self-contained file. */
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (pb_store_parent_class)->finalize (object);
}

static void
pb_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PbStore *self = PB_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PbStore *self = PB_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_store_class_init (PbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_store_finalize;
  object_class->get_property = pb_store_get_property;
  object_class->set_property = pb_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_store_init (PbStore *self)
{
  g_mutex_init (&self->mutex);
  self->busy_timeout_ms = PB_STORE_DEFAULT_BUSY_TIMEOUT_MS;
}

char *
pb_store_dup_default_path (void)
{
  const char *path = g_getenv ("PRESENCE_BRIDGE_STORE");

  if (path != NULL && *path != '\0')
    return g_strdup (path);

  return g_build_filename (g_get_user_data_dir (), "presence-bridge", "store.db", NULL);
}

const char *
pb_store_get_path (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  return self->path;
}

gboolean
pb_store_get_read_only (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  return self->read_only;
}

void
pb_store_set_busy_timeout (PbStore *self,
                           guint    milliseconds)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (PB_IS_STORE (self));

  locker = g_mutex_locker_new (&self->mutex);
  self->busy_timeout_ms = (int)MIN (milliseconds, G_MAXINT);
  if (self->db != NULL)
    sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
}


/* Helpers shared by the parts */

gint64
_pb_store_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
_pb_store_bind_row_id (sqlite3_stmt *stmt,
                       int           index,
                       gint64        id)
{
  if (id > 0)
    pb_sqlite_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

void
_pb_store_set_damaged_error (PbStore     *self,
                             GError     **error,
                             const char  *detail)
{
  g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
               _("The store “%s” holds data that cannot be read: %s"),
               self->path, detail);
}

sqlite3_stmt *
_pb_store_prepare_with_id (PbStore     *self,
                           const char  *sql,
                           gint64       id,
                           GError     **error)
{
  sqlite3_stmt *stmt = pb_sqlite_prepare (self->db, sql, error);

  if (stmt != NULL)
    pb_sqlite_bind_int64 (stmt, 1, id);
  return stmt;
}

gboolean
_pb_store_exec_with_text (PbStore     *self,
                          const char  *sql,
                          const char  *text,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = pb_sqlite_prepare (self->db, sql, error);

  if (stmt == NULL)
    return FALSE;

  pb_sqlite_bind_text (stmt, 1, text);
  return pb_sqlite_step_done (stmt, error);
}

gboolean
_pb_store_query_int64 (PbStore     *self,
                       const char  *sql,
                       gint64      *value,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = pb_sqlite_prepare (self->db, sql, error);

  if (stmt == NULL || pb_sqlite_step (stmt, error) != SQLITE_ROW)
    return FALSE;

  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static void
set_read_only_error (PbStore  *self,
                     GError  **error)
{
  g_set_error (error, PB_ERROR, PB_ERROR_STORE_READ_ONLY,
               _("The store “%s” cannot be written: you may only read it. "
                 "Nothing was changed."),
               self->path);
}

static void set_cannot_open_error (PbStore  *self,
                                   int       rc,
                                   int       saved_errno,
                                   GError  **error);

/* The store's -wal as it is at its path now: FALSE when there is none. */
static gboolean
stat_wal (PbStore  *self,
          guint64  *device,
          guint64  *inode)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf info;

  if (g_stat (wal, &info) != 0)
    return FALSE;

  *device = info.st_dev;
  *inode = info.st_ino;
  return TRUE;
}

static void
remember_wal (PbStore *self)
{
  if (self->read_only || !stat_wal (self, &self->wal_device, &self->wal_inode))
    self->wal_device = self->wal_inode = 0;
}

/* Whether the -wal this connection writes to is still the store's. An
 * open connection holds locks that tell another program closing the store
 * it is not the last one, so that it leaves the -wal alone. But fcntl()
 * locks belong to the process, and any code in it that opens and closes
 * one of the store's files drops them all — GTK's file chooser does,
 * sniffing the files of a folder it shows (and the store itself did,
 * reading the header). Another program closing the store then checkpoints
 * and deletes the -wal and the -shm, and what this connection commits
 * afterwards goes into files nobody else sees, lost when it ends. */
static gboolean
wal_is_current (PbStore *self)
{
  guint64 device, inode;

  if (self->wal_inode == 0)
    return TRUE;

  return stat_wal (self, &device, &inode) && device == self->wal_device && inode == self->wal_inode;
}

/* What every read-write connection to the store runs first. FULL: in WAL
 * mode every commit is synced, so an autosaved draft survives a crash or
 * a power cut. */
static gboolean
set_pragmas (PbStore  *self,
             GError  **error)
{
  return pb_sqlite_exec (self->db, "PRAGMA journal_mode = WAL", error) &&
         pb_sqlite_exec (self->db, "PRAGMA synchronous = FULL", error) &&
         pb_sqlite_exec (self->db, "PRAGMA foreign_keys = ON", error);
}

/* A new connection to the file this store already knew as sound and of
 * the current schema: none of opening's checks, migrations or moving
 * aside (a failure now is not the file's fault). The old connection goes
 * first: SQLite shares one wal-index per database file in a process, and
 * a new connection opened beside the old one would go on using the -shm
 * that was deleted. When opening fails, the store has no connection, and
 * the next call tries again (_pb_store_ensure_connection()). */
static gboolean
reopen_connection (PbStore  *self,
                   GError  **error)
{
  int rc;

  if (self->db != NULL)
    {
      /* Whoever deleted the -wal checkpointed what it held first: writing
       * it into the file again would undo their later commits. */
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      g_clear_pointer (&self->db, sqlite3_close_v2);
    }

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_cannot_open_error (self, rc, self->db != NULL ? sqlite3_system_errno (self->db) : 0, error);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
  if (!set_pragmas (self, error))
    {
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return FALSE;
    }

  remember_wal (self);
  return TRUE;
}

gboolean
_pb_store_ensure_connection (PbStore  *self,
                             GError  **error)
{
  if (self->db != NULL && wal_is_current (self))
    return TRUE;

  /* A new connection has locks of its own, and reads the store as it is. */
  g_debug ("The -wal of the store %s went while it was open: opening it again", self->path);
  return reopen_connection (self, error);
}

gboolean
_pb_store_begin (PbStore  *self,
                 GError  **error)
{
  if (self->read_only)
    {
      set_read_only_error (self, error);
      return FALSE;
    }

  return _pb_store_ensure_connection (self, error) && pb_sqlite_begin (self->db, error);
}

gboolean
_pb_store_end_transaction (PbStore   *self,
                           gboolean   ok,
                           GError   **error)
{
  if (ok && pb_sqlite_commit (self->db, error))
    {
      /* Deleted while the transaction ran: committed to a -wal that may
       * or may not have been checkpointed first. The next call opens the
       * store again and reads what it holds. */
      if (wal_is_current (self))
        return TRUE;

      g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                   _("The change may not have reached the store “%s”: another program closed it "
                     "at that very moment. Look at the history before you try again."),
                   self->path);
      return FALSE;
    }

  pb_sqlite_rollback (self->db);
  return FALSE;
}

gboolean
_pb_store_read_generation (PbStore    *self,
                           PbProfile  *profile,
                           gint64      profile_id,
                           guint64    *generation,
                           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _pb_store_prepare_with_id (self, "SELECT generation FROM profiles WHERE id = ?1", profile_id, error);
  if (stmt == NULL)
    return FALSE;

  rc = pb_sqlite_step (stmt, error);
  if (rc == SQLITE_DONE)
    _pb_store_set_no_profile_error (error, pb_profile_get_name (profile));
  if (rc != SQLITE_ROW)
    return FALSE;

  *generation = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
_pb_store_advance_generation (PbStore    *self,
                              PbProfile  *profile,
                              gint64      profile_id,
                              guint64    *generation,
                              GError    **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  guint64 current;

  if (!_pb_store_read_generation (self, profile, profile_id, &current, error))
    return FALSE;

  if (generation != NULL && *generation != 0 && current != *generation)
    {
      g_set_error (error, PB_ERROR, PB_ERROR_STORE_CHANGED,
                   _("Profile “%s” was changed by another window or program since it was "
                     "opened here. Nothing was written."),
                   pb_profile_get_name (profile));
      return FALSE;
    }

  update = _pb_store_prepare_with_id (self, "UPDATE profiles SET generation = generation + 1 WHERE id = ?1",
                                      profile_id, error);
  if (update == NULL || !pb_sqlite_step_done (update, error))
    return FALSE;

  if (generation != NULL)
    *generation = current + 1;
  return TRUE;
}


/* Opening and integrity */

static gboolean
aside_name_taken (const char *candidate)
{
  g_autofree char *wal = g_strconcat (candidate, "-wal", NULL);
  g_autofree char *shm = g_strconcat (candidate, "-shm", NULL);

  return g_file_test (candidate, G_FILE_TEST_EXISTS) ||
         g_file_test (wal, G_FILE_TEST_EXISTS) ||
         g_file_test (shm, G_FILE_TEST_EXISTS);
}

/* Renames a corrupt store, with its -wal and -shm, to a free
 * "<path>.corrupt-YYYYMMDD-HHMMSS[-N]" and returns that name. The -wal must
 * go along: SQLite would replay a stale one into the next, new store. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *base = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  g_autofree char *target = g_strdup (base);

  for (guint i = 2; aside_name_taken (target); i++)
    {
      g_free (target);
      target = g_strdup_printf ("%s-%u", base, i);
    }

  if (g_rename (path, target) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                   _("The store “%s” is corrupt and could not be moved aside: %s"),
                   path, g_strerror (saved_errno));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                       _("The store “%s” is corrupt and was moved aside to “%s”, but “%s” could not be moved: %s"),
                       path, target, from, g_strerror (saved_errno));
          return NULL;
        }
    }

  return g_steal_pointer (&target);
}

static gboolean
is_corruption (int code)
{
  code &= 0xff;
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

/* Damage SQLite reported while the store was in use, for the next open
 * to confirm (pb-sqlite.c writes it). */
static char *
dup_damage_marker (PbStore *self)
{
  return g_strconcat (self->path, PB_SQLITE_DAMAGE_MARKER_SUFFIX, NULL);
}

/* Closes the connection, moves the file aside and explains. */
static void
set_corrupt (PbStore  *self,
             GError  **error)
{
  g_autofree char *aside = NULL;
  g_autofree char *marker = dup_damage_marker (self);

  g_clear_pointer (&self->db, sqlite3_close_v2);

  aside = move_aside (self->path, error);
  if (aside == NULL)
    return;

  g_remove (marker);

  g_set_error (error, PB_ERROR, PB_ERROR_STORE_CORRUPT,
               _("The store “%s” is corrupt. It was moved aside to “%s”; "
                 "a new, empty store is created the next time it is opened."),
               self->path, aside);
}

/* Reports @local_error, or the corruption that caused it. Returns FALSE. */
static gboolean
fail_opening (PbStore  *self,
              GError   *local_error,
              GError  **error)
{
  if (is_corruption (sqlite3_errcode (self->db)))
    {
      set_corrupt (self, error);
      g_error_free (local_error);
    }
  else
    {
      g_propagate_error (error, local_error);
    }
  return FALSE;
}

/* A stale -wal next to a file that is no database at all would be opened
 * by SQLite and deleted when it closes: such a file never reaches SQLite.
 * A missing or empty file is a new store. */
static gboolean
looks_like_database (const char *path)
{
  static const char magic[] = "SQLite format 3";
  char header[sizeof magic];
  FILE *file;
  size_t n;

  file = g_fopen (path, "rb");
  if (file == NULL)
    return TRUE;

  n = fread (header, 1, sizeof header, file);
  fclose (file);

  return n == 0 || (n == sizeof header && memcmp (header, magic, sizeof magic) == 0);
}

static gboolean
read_user_version (PbStore  *self,
                   gint64   *version,
                   GError  **error)
{
  return _pb_store_query_int64 (self, "PRAGMA user_version", version, error);
}

/* The header's own page count, when SQLite's "valid for" stamp says it is
 * current, against the file's length: a file cut short (a copy stopped
 * half-way, a full disk outside SQLite) is caught at once, whatever its
 * size. With a -wal beside it, pages may live there: not decided here. */
static gboolean
is_truncated (const char *path)
{
  guchar header[100];
  GStatBuf info;
  guint32 page_size, n_pages, change_counter, valid_for;
  FILE *file;
  size_t n;

  if (g_stat (path, &info) != 0)
    return FALSE;

  file = g_fopen (path, "rb");
  if (file == NULL)
    return FALSE;
  n = fread (header, 1, sizeof header, file);
  fclose (file);
  if (n != sizeof header)
    return n > 0;

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  change_counter = GUINT32_FROM_BE (*(guint32 *)(header + 24));
  n_pages = GUINT32_FROM_BE (*(guint32 *)(header + 28));
  valid_for = GUINT32_FROM_BE (*(guint32 *)(header + 92));

  return valid_for == change_counter && n_pages > 0 && (guint64)n_pages * page_size > (guint64)info.st_size;
}

/* PRAGMA quick_check reports most damage as result rows, not as an error.
 * It reads the whole file, which for a store of years of history takes
 * longer than everything else an open does together: at every open only
 * the small tables every command reads are checked (@tables), and the
 * whole file only when the last run left a damage marker. */
static gboolean
check_integrity (PbStore            *self,
                 const char * const *tables,
                 gboolean           *intact,
                 GError            **error)
{
  *intact = TRUE;

  for (guint i = 0; *intact && (tables == NULL || tables[i] != NULL); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *sql = tables != NULL ? g_strdup_printf ("PRAGMA quick_check (%s)", tables[i])
                                            : g_strdup ("PRAGMA quick_check");
      int rc;

      stmt = pb_sqlite_prepare (self->db, sql, error);
      if (stmt == NULL)
        return FALSE;

      rc = pb_sqlite_step (stmt, error);
      if (rc != SQLITE_ROW)
        return FALSE;

      *intact = g_strcmp0 (pb_sqlite_column_text (stmt, 0), "ok") == 0;
      if (!*intact)
        g_debug ("Store %s failed its integrity check: %s", self->path, pb_sqlite_column_text (stmt, 0));

      if (tables == NULL)
        break;
    }

  return TRUE;
}

/* sqlite3_open_v2() says only "unable to open database file", and after a
 * failed open the connection no longer knows its file name: say which file
 * and why, in words an administrator can act on. */
static void
set_cannot_open_error (PbStore  *self,
                       int       rc,
                       int       saved_errno,
                       GError  **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);

  /* SQLite's own reason for a file it could not create in a folder this
   * user may not write is the "No such file" of its last attempt: the
   * folder's is the one to give. */
  if (!g_file_test (self->path, G_FILE_TEST_EXISTS) && g_access (folder, W_OK) != 0)
    saved_errno = errno;

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                 _("Cannot open the store “%s”: it is a folder, not a file"), self->path);
  else if (saved_errno != 0)
    g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                 _("Cannot open the store “%s”: %s"), self->path, g_strerror (saved_errno));
  else
    g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                 _("Cannot open the store “%s”: %s"), self->path, sqlite3_errstr (rc));
}

/* A store this user may not write. Opening it read-write would make SQLite
 * fall back to reading, but leave -wal and -shm files beside it with the
 * store's read-only mode, which later keep every write failing even after
 * the store itself is made writable again. */
static gboolean
is_read_only_file (const char *path)
{
  g_autofree char *folder = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;

  if (g_access (path, W_OK) != 0)
    return TRUE;

  /* SQLite needs to create -wal and -shm beside a writable file too. */
  folder = g_path_get_dirname (path);
  return g_access (folder, W_OK) != 0;
}

static int
open_database (PbStore *self)
{
  g_autofree char *wal_path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *escaped = NULL;

  if (!self->read_only)
    return sqlite3_open_v2 (self->path, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                            NULL);

  /* With no -wal beside it, nobody is writing: "immutable" reads the file
   * as it is and creates nothing. A -wal present holds commits that the
   * file alone lacks, so SQLite must read it (it exists already: nothing
   * new is created). */
  wal_path = g_strconcat (self->path, "-wal", NULL);
  escaped = g_uri_escape_string (self->path, "/", FALSE);
  uri = g_strconcat ("file:", escaped,
                     g_file_test (wal_path, G_FILE_TEST_EXISTS) ? "?mode=ro" : "?immutable=1",
                     NULL);

  return sqlite3_open_v2 (uri, &self->db,
                          SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX,
                          NULL);
}

static gboolean
open_connection (PbStore  *self,
                 GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *wal_path = g_strconcat (self->path, "-wal", NULL);
  gboolean had_wal = g_file_test (wal_path, G_FILE_TEST_EXISTS);
  gboolean truncated;
  gint64 version = 0;
  gboolean intact = TRUE;
  int rc;

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      set_cannot_open_error (self, SQLITE_CANTOPEN, 0, error);
      return FALSE;
    }

  if (!looks_like_database (self->path))
    {
      set_corrupt (self, error);
      return FALSE;
    }

  self->read_only = is_read_only_file (self->path);

  /* Read before SQLite opens the file: closing any descriptor of it in
   * this process drops every POSIX lock the process holds on it, SQLite's
   * included — and without its lock another process closing the store
   * takes it for the last user, checkpoints and deletes the -wal and -shm
   * this connection still writes to. */
  truncated = !had_wal && is_truncated (self->path);

  rc = open_database (self);
  if (rc != SQLITE_OK)
    {
      int saved_errno = self->db != NULL ? sqlite3_system_errno (self->db) : 0;

      if (is_corruption (rc))
        {
          set_corrupt (self, error);
          return FALSE;
        }

      set_cannot_open_error (self, rc, saved_errno, error);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);

  /* Until the file is known to be ours and sound, closing must not
   * checkpoint: that would write into a newer version's file, or fold a
   * corrupt file's -wal into it and delete the -wal. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  /* Before anything that writes: switching to WAL rewrites the header, and
   * a newer version's file must stay exactly as it is. */
  if (!read_user_version (self, &version, &local_error))
    return fail_opening (self, g_steal_pointer (&local_error), error);

  if (version > PB_STORE_SCHEMA_VERSION)
    {
      /* A -wal that only this connection created is empty: checkpointing it
       * writes nothing and removes it, with its -shm, as it came. */
      if (!had_wal && !self->read_only)
        sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
      _pb_store_set_newer_error (self, version, error);
      return FALSE;
    }

  /* Tables every version of the schema has, and every command reads. */
  {
    static const char * const small_tables[] = { "profiles", "drafts", NULL };
    g_autofree char *marker = dup_damage_marker (self);
    gboolean damage_reported = g_file_test (marker, G_FILE_TEST_EXISTS);

    if (truncated)
      intact = FALSE;
    else if ((version > 0 || damage_reported) &&
             !check_integrity (self, damage_reported ? NULL : small_tables, &intact, &local_error))
      return fail_opening (self, g_steal_pointer (&local_error), error);

    /* Checked whole and found sound: the damage is gone (the file was
     * restored from a backup, say). */
    if (damage_reported && intact && !self->read_only)
      g_remove (marker);
  }
  if (!intact)
    {
      /* Moving someone else's file aside is not ours to do. */
      if (self->read_only)
        {
          g_set_error (error, PB_ERROR, PB_ERROR_STORE_CORRUPT,
                       _("The store “%s” is corrupt, and it is read-only, so it was left as it is"),
                       self->path);
          return FALSE;
        }
      set_corrupt (self, error);
      return FALSE;
    }

  if (self->read_only)
    {
      if (version < PB_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, PB_ERROR, PB_ERROR_STORE_READ_ONLY,
                       _("The store “%s” was written by an older version of Presence Bridge and "
                         "must be updated, but it is read-only. Make it writable and try again."),
                       self->path);
          return FALSE;
        }
      return TRUE;
    }

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  if (!set_pragmas (self, error) ||
      !_pb_store_migrate (self, version, error))
    return FALSE;

  remember_wal (self);
  return TRUE;
}

PbStore *
pb_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(PbStore) self = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PB_ERROR, PB_ERROR_STORE_FAILED,
                   _("Cannot create the folder “%s” for the store “%s”: %s"),
                   folder, path, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (PB_TYPE_STORE, "path", path, NULL);

  if (!open_connection (self, error))
    return NULL;

  return g_steal_pointer (&self);
}
