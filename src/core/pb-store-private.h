/* pb-store-private.h: what the pb-store-*.c files share
 *
 * PbStore is split by concern: pb-store.c opens the file and holds the
 * helpers below, pb-store-migrations.c the schema steps,
 * pb-store-snapshots.c the lists and the stored mapping,
 * pb-store-profiles.c, pb-store-revisions.c and pb-store-drafts.c (drafts,
 * recovered edits, imports) one table family each, and pb-store-worker.c
 * the worker thread and the asynchronous API.
 *
 * Functions named *_locked expect the caller to hold self->mutex; those
 * that write expect the caller's transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-sqlite.h"
#include "pb-store.h"

G_BEGIN_DECLS

struct _PbStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  gboolean read_only;
  /* The -wal this connection writes to, as the file system knew it when
   * the connection opened (0: none to watch). See pb-store.c,
   * wal_is_current(). */
  guint64 wal_device;
  guint64 wal_inode;
  /* pb_store_set_busy_timeout()'s, kept for a connection opened again. */
  int busy_timeout_ms;
  /* SQLite serialises calls on the connection itself (FULLMUTEX), but a
   * transaction spans many calls: this keeps other threads out of it. */
  GMutex mutex;

  /* The worker of the asynchronous API (pb-store-worker.c), started by the
   * first asynchronous call. */
  GThread *worker;
  GAsyncQueue *jobs;
};

/* Where a snapshot's lists came from. Only "fetch" matters to the code:
 * lists fetched from the org are the truth an import must not overwrite. */
#define PB_SNAPSHOT_SOURCE_FETCH  "fetch"
#define PB_SNAPSHOT_SOURCE_IMPORT "import"
#define PB_SNAPSHOT_SOURCE_SAVE   "save"

/* What a remote configuration came with. */
#define PB_REMOTE_SOURCE_FETCH   "fetch"
#define PB_REMOTE_SOURCE_PUBLISH "publish"

/* pb-store.c */
gint64           _pb_store_now                     (void);
void             _pb_store_bind_row_id             (sqlite3_stmt     *stmt,
                                                    int               index,
                                                    gint64            id);
void             _pb_store_set_damaged_error       (PbStore          *self,
                                                    GError          **error,
                                                    const char       *detail);
sqlite3_stmt    *_pb_store_prepare_with_id         (PbStore          *self,
                                                    const char       *sql,
                                                    gint64            id,
                                                    GError          **error);
gboolean         _pb_store_exec_with_text          (PbStore          *self,
                                                    const char       *sql,
                                                    const char       *text,
                                                    GError          **error);
gboolean         _pb_store_query_int64             (PbStore          *self,
                                                    const char       *sql,
                                                    gint64           *value,
                                                    GError          **error);
/* BEGIN IMMEDIATE, refused up front on a read-only store. */
gboolean         _pb_store_begin                   (PbStore          *self,
                                                    GError          **error);
/* Before any use of the connection (under the mutex): a connection
 * whose -wal another program deleted is opened again first; FALSE (and
 * nothing usable) when that failed — the next call tries again. */
gboolean         _pb_store_ensure_connection       (PbStore          *self,
                                                    GError          **error);
/* Ends the caller's transaction: committed when @ok, else rolled back. */
gboolean         _pb_store_end_transaction         (PbStore          *self,
                                                    gboolean          ok,
                                                    GError          **error);
gboolean         _pb_store_read_generation         (PbStore          *self,
                                                    PbProfile        *profile,
                                                    gint64            profile_id,
                                                    guint64          *generation,
                                                    GError          **error);
/* Within the caller's transaction: checks @generation (see pb-store.h)
 * and advances the profile's generation, returning the new one in it. */
gboolean         _pb_store_advance_generation      (PbStore          *self,
                                                    PbProfile        *profile,
                                                    gint64            profile_id,
                                                    guint64          *generation,
                                                    GError          **error);

/* pb-store-worker.c: returns once the worker has run what was queued. */
void             _pb_store_stop_worker             (PbStore          *self);

/* pb-store-migrations.c */
gboolean         _pb_store_migrate                 (PbStore          *self,
                                                    gint64            version,
                                                    GError          **error);
void             _pb_store_set_newer_error         (PbStore          *self,
                                                    gint64            version,
                                                    GError          **error);

/* pb-store-snapshots.c */
char            *_pb_store_compute_snapshot_digest (PbConfiguration  *config);
gboolean         _pb_store_ensure_snapshot         (PbStore          *self,
                                                    gint64            profile_id,
                                                    PbConfiguration  *config,
                                                    const char       *source,
                                                    gint64           *snapshot_id,
                                                    GError          **error);
gboolean         _pb_store_load_snapshot           (PbStore          *self,
                                                    gint64            snapshot_id,
                                                    PbConfiguration  *config,
                                                    GError          **error);
/* The snapshot holding the profile's current lists: its draft's, else its
 * newest; 0 and NULL when it has none. */
gboolean         _pb_store_current_snapshot        (PbStore          *self,
                                                    gint64            profile_id,
                                                    gint64           *snapshot_id,
                                                    char            **source,
                                                    GError          **error);
char            *_pb_store_mapping_to_json         (PbConfiguration  *config);
/* A configuration from a snapshot (0: none) and a stored mapping. */
PbConfiguration *_pb_store_load_configuration      (PbStore          *self,
                                                    gint64            snapshot_id,
                                                    const char       *mapping_json,
                                                    GError          **error);

/* pb-store-profiles.c */
void             _pb_store_set_no_profile_error    (GError          **error,
                                                    const char       *name);
/* The profile named @name, NULL without an error when there is none. */
gboolean         _pb_store_find_profile_locked     (PbStore          *self,
                                                    const char       *name,
                                                    PbProfile       **profile,
                                                    GError          **error);
PbProfile       *_pb_store_insert_profile_locked   (PbStore          *self,
                                                    PbProfile        *profile,
                                                    GError          **error);
PbProfile       *_pb_store_get_default_profile_locked (PbStore       *self,
                                                       GError       **error);
/* The row id of @profile (its id when it came from the store, else the row
 * of that name); 0 with @error set when it is not stored. */
gint64           _pb_store_resolve_profile_id      (PbStore          *self,
                                                    PbProfile        *profile,
                                                    GError          **error);
/* Takes the store's lock for the caller, then resolves @profile. */
gint64           _pb_store_lock_profile            (PbStore          *self,
                                                    PbProfile        *profile,
                                                    GMutexLocker    **locker,
                                                    GError          **error);

/* pb-store-revisions.c */
/* Records a revision and makes it the draft, in the caller's transaction. */
guint            _pb_store_save_revision_locked    (PbStore          *self,
                                                    gint64            profile_id,
                                                    PbConfiguration  *configuration,
                                                    const char       *source,
                                                    const char       *comment,
                                                    GError          **error);
/* Revision @number (0: the newest). FALSE with PB_ERROR_NOT_FOUND when
 * there is none. */
gboolean         _pb_store_find_revision           (PbStore          *self,
                                                    PbProfile        *profile,
                                                    gint64            profile_id,
                                                    guint             number,
                                                    guint            *found_number,
                                                    gint64           *snapshot_id,
                                                    char            **mapping_json,
                                                    GError          **error);

/* pb-store-drafts.c */
/* The profile's draft, an empty configuration when it has none. */
PbConfiguration *_pb_store_load_draft_locked       (PbStore          *self,
                                                    gint64            profile_id,
                                                    GError          **error);
gboolean         _pb_store_write_draft             (PbStore          *self,
                                                    gint64            profile_id,
                                                    gint64            snapshot_id,
                                                    const char       *mapping_json,
                                                    GError          **error);

/* pb-store-remote.c: base, newest remote configuration and conflict. */
gboolean         _pb_store_load_remote_state_locked (PbStore         *self,
                                                     gint64           profile_id,
                                                     PbProfileState  *state,
                                                     GError         **error);

G_END_DECLS
