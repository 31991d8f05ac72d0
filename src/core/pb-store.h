/* pb-store.h: the local SQLite store (profiles, lists, drafts, history)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"
#include "pb-fetch-outcome.h"
#include "pb-profile.h"
#include "pb-profile-state.h"
#include "pb-revision.h"

G_BEGIN_DECLS

#define PB_STORE_SCHEMA_VERSION 3

/* How long a call waits for another process's write lock before failing
 * with PB_ERROR_STORE_BUSY (cli.md: "a few seconds"; the window retries
 * its autosave after that, so it never needs to wait longer). */
#define PB_STORE_DEFAULT_BUSY_TIMEOUT_MS 5000

#define PB_TYPE_STORE (pb_store_get_type ())

G_DECLARE_FINAL_TYPE (PbStore, pb_store, PB, STORE, GObject)

/* $PRESENCE_BRIDGE_STORE, else $XDG_DATA_HOME/presence-bridge/store.db. */
char            *pb_store_dup_default_path        (void);

/* Opens (creating it and its folder when missing) and migrates the store.
 * A store of a newer schema: PB_ERROR_STORE_NEWER, file untouched. A corrupt
 * one is renamed aside (with its -wal/-shm) and PB_ERROR_STORE_CORRUPT names
 * the new file name. A file this user may not write is opened read-only:
 * reads work, writes fail with PB_ERROR_STORE_READ_ONLY, and nothing is
 * created beside it.
 *
 * Every synchronous method below is safe to call from any thread (calls are
 * serialised). The asynchronous ones run, in the order they were called, on
 * one worker thread the store owns, and complete in the caller's
 * thread-default main context: a window calls only those, and never waits
 * on the disk. */
PbStore         *pb_store_open                    (const char       *path,
                                                   GError          **error);
const char      *pb_store_get_path                (PbStore          *self);
gboolean         pb_store_get_read_only           (PbStore          *self);
void             pb_store_set_busy_timeout        (PbStore          *self,
                                                   guint             milliseconds);

/* Profiles. Names are unique. The default profile is the one marked with
 * pb_store_set_default_profile(), else the only one. */
GListModel      *pb_store_list_profiles           (PbStore          *self,
                                                   GError          **error);
PbProfile       *pb_store_add_profile             (PbStore          *self,
                                                   PbProfile        *profile,
                                                   GError          **error);
gboolean         pb_store_update_profile          (PbStore          *self,
                                                   PbProfile        *profile,
                                                   GError          **error);
PbProfile       *pb_store_lookup_profile          (PbStore          *self,
                                                   const char       *name,
                                                   GError          **error);
PbProfile       *pb_store_get_default_profile     (PbStore          *self,
                                                   GError          **error);
gboolean         pb_store_set_default_profile     (PbStore          *self,
                                                   const char       *name,
                                                   GError          **error);
gboolean         pb_store_remove_profile          (PbStore          *self,
                                                   const char       *name,
                                                   GError          **error);
/* The profile a window opens on: the one opened last
 * (pb_store_mark_profile_opened()), else the default, else the first by
 * name. NULL without an error when the store has no profile. */
PbProfile       *pb_store_get_startup_profile     (PbStore          *self,
                                                   GError          **error);
gboolean         pb_store_mark_profile_opened     (PbStore          *self,
                                                   PbProfile        *profile,
                                                   GError          **error);

/* Generations. Every write that changes what a profile holds (its draft,
 * revisions, lists or remote copies) adds one to the profile's generation,
 * in the same transaction. A view that remembers the generation its own
 * last write returned learns of writes by anyone else (another window,
 * another process) by reading it again. */
gboolean         pb_store_get_generation          (PbStore          *self,
                                                   PbProfile        *profile,
                                                   guint64          *generation,
                                                   GError          **error);

/* Everything an editing session needs of a profile, read in one
 * transaction so the parts agree. */
PbProfileState  *pb_store_load_state              (PbStore          *self,
                                                   PbProfile        *profile,
                                                   GError          **error);

/* The working draft: lists + mapping. A profile with no draft yet gives an
 * empty configuration. Saving the draft is the autosave: it never records
 * a revision.
 *
 * @generation (in/out, nullable): when it points at a value other than 0,
 * the write happens only if the profile's generation is still that value
 * (else PB_ERROR_STORE_CHANGED, nothing written); on success it receives
 * the new generation. The same holds for every writing call that takes
 * one. */
PbConfiguration *pb_store_load_draft              (PbStore          *self,
                                                   PbProfile        *profile,
                                                   GError          **error);
gboolean         pb_store_save_draft              (PbStore          *self,
                                                   PbProfile        *profile,
                                                   PbConfiguration  *draft,
                                                   guint64          *generation,
                                                   GError          **error);

/* Edits that could not become the draft because the profile changed
 * elsewhere meanwhile, kept aside until the administrator chooses (and
 * across a crash). Writing or clearing them does not change the
 * generation: they are this session's, not the profile's. */
gboolean         pb_store_save_recovery           (PbStore          *self,
                                                   PbProfile        *profile,
                                                   PbConfiguration  *draft,
                                                   GError          **error);
gboolean         pb_store_clear_recovery          (PbStore          *self,
                                                   PbProfile        *profile,
                                                   GError          **error);

/* History. Saving records a revision (numbered 1, 2, … per profile) and
 * makes it the draft, in one transaction. Returns the revision number, 0 on
 * error. */
guint            pb_store_save_revision           (PbStore          *self,
                                                   PbProfile        *profile,
                                                   PbConfiguration  *configuration,
                                                   const char       *source,
                                                   const char       *comment,
                                                   guint64          *generation,
                                                   GError          **error);
GListModel      *pb_store_list_revisions          (PbStore          *self,
                                                   PbProfile        *profile,
                                                   GError          **error);
PbConfiguration *pb_store_load_revision           (PbStore          *self,
                                                   PbProfile        *profile,
                                                   guint             number,
                                                   GError          **error);
/* The newest revision, or NULL (no error) when there is none. */
PbConfiguration *pb_store_load_latest_revision    (PbStore          *self,
                                                   PbProfile        *profile,
                                                   GError          **error);
/* Makes revision @number the draft and records that as a new revision
 * (source "restore"), in one transaction. Returns the new number. */
guint            pb_store_restore_revision        (PbStore          *self,
                                                   PbProfile        *profile,
                                                   guint             number,
                                                   guint64          *generation,
                                                   GError          **error);

/* Import: the configuration as it would land in @profile. A profile whose
 * lists were fetched keeps them (the org is the truth) and takes the
 * mapping; otherwise the file's snapshots become its lists, and @imported
 * itself is returned (a new reference: neither is to be edited then). */
PbConfiguration *pb_store_prepare_import          (PbStore          *self,
                                                   PbProfile        *profile,
                                                   PbConfiguration  *imported,
                                                   GError          **error);
/* The profile an import with no profile name lands in: the default one,
 * else the one it would create (not stored: its id is 0). */
PbProfile       *pb_store_dup_import_target       (PbStore          *self,
                                                   const char       *profile_name,
                                                   PbConfiguration  *imported,
                                                   GError          **error);
/* Creates the profile when @profile_name is new (or, when NULL and the store
 * has no profile, one named after the org or "Default", made the default),
 * replaces its draft and records an "import" revision: one transaction, or
 * nothing. @generation guards the target profile as pb_store_save_draft()
 * says (a new profile has none to guard). Returns the revision number, 0 on
 * error. */
guint            pb_store_import                  (PbStore          *self,
                                                   const char       *profile_name,
                                                   PbConfiguration  *imported,
                                                   const char       *comment,
                                                   guint64          *generation,
                                                   PbProfile       **profile_out,
                                                   GError          **error);

/* The remote side (docs/store.md, "Fetches, publishes and conflicts").
 *
 * Records a fetch in one transaction: @fetched (lists, account, the remote
 * mapping and switch) becomes a snapshot and a remote configuration
 * (@etag, @remote_revision, @revert_available). A first fetch, or one onto
 * a draft without edits since its base, makes the remote configuration
 * the draft (recorded as a "fetch" revision when the history changes);
 * otherwise the draft keeps its edits on the fetched lists, and is in
 * conflict when the remote configuration changed since its base. */
PbFetchOutcome  *pb_store_record_fetch            (PbStore               *self,
                                                   PbProfile             *profile,
                                                   PbConfiguration       *fetched,
                                                   const char            *etag,
                                                   gint64                 remote_revision,
                                                   PbAvailability         revert_available,
                                                   guint64               *generation,
                                                   GError               **error);
/* Records a publish: what the platform @stored (its mapping, new ETag and
 * revision) on @published's lists becomes a "publish" revision, the draft
 * and the draft's new base. Returns the revision number, 0 on error. */
guint            pb_store_record_publish          (PbStore               *self,
                                                   PbProfile             *profile,
                                                   PbConfiguration       *published,
                                                   PbRemoteConfiguration *stored,
                                                   const char            *comment,
                                                   guint64               *generation,
                                                   GError               **error);
/* Settles a conflict: @keep_local re-bases the draft on the newest remote
 * configuration (the next publish replaces it deliberately); otherwise
 * the draft becomes the remote configuration, recorded as a revision
 * (@revision, 0 when none), after the edits it replaces, when no revision
 * holds them, are recorded as a "save" revision of their own. */
gboolean         pb_store_resolve_conflict        (PbStore               *self,
                                                   PbProfile             *profile,
                                                   gboolean               keep_local,
                                                   guint                 *revision,
                                                   guint64               *generation,
                                                   GError               **error);

/* Asynchronous versions, for views. Each runs its synchronous twin on the
 * store's worker thread; a cancelled call that has not started yet does
 * nothing and finishes with G_IO_ERROR_CANCELLED. */
void             pb_store_list_profiles_async     (PbStore              *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GListModel      *pb_store_list_profiles_finish    (PbStore              *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pb_store_add_profile_async       (PbStore              *self,
                                                   PbProfile            *profile,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
PbProfile       *pb_store_add_profile_finish      (PbStore              *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pb_store_update_profile_async    (PbStore              *self,
                                                   PbProfile            *profile,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         pb_store_update_profile_finish   (PbStore              *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pb_store_remove_profile_async    (PbStore              *self,
                                                   const char           *name,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         pb_store_remove_profile_finish   (PbStore              *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pb_store_get_startup_profile_async  (PbStore              *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
PbProfile       *pb_store_get_startup_profile_finish (PbStore              *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void             pb_store_mark_profile_opened_async  (PbStore              *self,
                                                      PbProfile            *profile,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean         pb_store_mark_profile_opened_finish (PbStore              *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void             pb_store_get_generation_async    (PbStore              *self,
                                                   PbProfile            *profile,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         pb_store_get_generation_finish   (PbStore              *self,
                                                   GAsyncResult         *result,
                                                   guint64              *generation,
                                                   GError              **error);
void             pb_store_load_state_async        (PbStore              *self,
                                                   PbProfile            *profile,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
PbProfileState  *pb_store_load_state_finish       (PbStore              *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
/* @draft is copied when the call is made: later edits do not reach it. */
void             pb_store_save_draft_async        (PbStore              *self,
                                                   PbProfile            *profile,
                                                   PbConfiguration      *draft,
                                                   guint64               generation,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         pb_store_save_draft_finish       (PbStore              *self,
                                                   GAsyncResult         *result,
                                                   guint64              *generation,
                                                   GError              **error);
void             pb_store_save_recovery_async     (PbStore              *self,
                                                   PbProfile            *profile,
                                                   PbConfiguration      *draft,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         pb_store_save_recovery_finish    (PbStore              *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pb_store_clear_recovery_async    (PbStore              *self,
                                                   PbProfile            *profile,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         pb_store_clear_recovery_finish   (PbStore              *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pb_store_save_revision_async     (PbStore              *self,
                                                   PbProfile            *profile,
                                                   PbConfiguration      *configuration,
                                                   const char           *source,
                                                   const char           *comment,
                                                   guint64               generation,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
guint            pb_store_save_revision_finish    (PbStore              *self,
                                                   GAsyncResult         *result,
                                                   guint64              *generation,
                                                   GError              **error);
void             pb_store_list_revisions_async    (PbStore              *self,
                                                   PbProfile            *profile,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GListModel      *pb_store_list_revisions_finish   (PbStore              *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pb_store_load_revision_async     (PbStore              *self,
                                                   PbProfile            *profile,
                                                   guint                 number,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
PbConfiguration *pb_store_load_revision_finish    (PbStore              *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             pb_store_restore_revision_async  (PbStore              *self,
                                                   PbProfile            *profile,
                                                   guint                 number,
                                                   guint64               generation,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
guint            pb_store_restore_revision_finish (PbStore              *self,
                                                   GAsyncResult         *result,
                                                   guint64              *generation,
                                                   GError              **error);

void             pb_store_record_fetch_async      (PbStore               *self,
                                                   PbProfile             *profile,
                                                   PbConfiguration       *fetched,
                                                   const char            *etag,
                                                   gint64                 remote_revision,
                                                   PbAvailability         revert_available,
                                                   guint64                generation,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
PbFetchOutcome  *pb_store_record_fetch_finish     (PbStore               *self,
                                                   GAsyncResult          *result,
                                                   guint64               *generation,
                                                   GError               **error);
void             pb_store_record_publish_async    (PbStore               *self,
                                                   PbProfile             *profile,
                                                   PbConfiguration       *published,
                                                   PbRemoteConfiguration *stored,
                                                   const char            *comment,
                                                   guint64                generation,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
guint            pb_store_record_publish_finish   (PbStore               *self,
                                                   GAsyncResult          *result,
                                                   guint64               *generation,
                                                   GError               **error);
void             pb_store_resolve_conflict_async  (PbStore               *self,
                                                   PbProfile             *profile,
                                                   gboolean               keep_local,
                                                   guint64                generation,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
gboolean         pb_store_resolve_conflict_finish (PbStore               *self,
                                                   GAsyncResult          *result,
                                                   guint                 *revision,
                                                   guint64               *generation,
                                                   GError               **error);

/* Runs @func on the store's worker thread, after every call queued before
 * it, for core objects that build a larger operation out of the synchronous
 * calls above (an import plan, a fetch being recorded). @task's callback
 * runs in its own context as usual; a task cancelled before it starts is
 * returned as cancelled without running @func. */
void             pb_store_run_in_worker           (PbStore              *self,
                                                   GTask                *task,
                                                   GTaskThreadFunc       func);

G_END_DECLS
