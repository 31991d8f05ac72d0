/* pb-session.h: editing one profile's draft, with nothing lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-import-plan.h"
#include "pb-store.h"
#include "pb-undo-stack.h"

G_BEGIN_DECLS

/* Where the edits are. */
typedef enum
{
  PB_DRAFT_STATUS_SAVED,      /* every edit is in the store's draft */
  PB_DRAFT_STATUS_SAVING,     /* edits are on their way to the store */
  PB_DRAFT_STATUS_RETRYING,   /* the last write failed (the draft error says why); tried again soon */
  PB_DRAFT_STATUS_KEPT_ASIDE, /* the profile changed elsewhere: edits kept aside until the administrator chooses */
} PbDraftStatus;

/* What to do with the edits kept aside when the profile changed elsewhere. */
typedef enum
{
  PB_SESSION_KEEP_MINE,   /* these edits become the draft; what was written elsewhere stays in the history */
  PB_SESSION_TAKE_THEIRS, /* the draft becomes what was written elsewhere; undo brings these edits back */
} PbSessionChoice;

#define PB_TYPE_DRAFT_STATUS   (pb_draft_status_get_type ())
#define PB_TYPE_SESSION_CHOICE (pb_session_choice_get_type ())

GType pb_draft_status_get_type   (void) G_GNUC_CONST;
GType pb_session_choice_get_type (void) G_GNUC_CONST;

/* How often a session looks for writes by other windows and programs. */
#define PB_SESSION_POLL_INTERVAL_MS 1000

#define PB_TYPE_SESSION (pb_session_get_type ())

G_DECLARE_FINAL_TYPE (PbSession, pb_session, PB, SESSION, GObject)

/* A GTK-free editing session for one profile: the draft, undo and redo,
 * autosave (every edit reaches the store's draft, in order, off the main
 * thread; failed writes are retried), the checks and the preview (worked
 * out off the main thread, lists updated in place), and what other windows
 * and programs write meanwhile (see docs/decisions.md, "Nothing lost").
 * The window binds to it; tests drive it with a main loop and no display.
 * Everything is asynchronous and cancelled when the session is disposed. */
PbSession       *pb_session_new                    (PbStore             *store,
                                                    PbProfile           *profile);
void             pb_session_load_async             (PbSession           *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         pb_session_load_finish            (PbSession           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

PbStore         *pb_session_get_store              (PbSession           *self);
/* As the store last had it (connection settings included). */
PbProfile       *pb_session_get_profile            (PbSession           *self);
gboolean         pb_session_get_loaded             (PbSession           *self);

/* The draft: one object for the session's life (views bind to its list
 * models), changed only through the session. */
PbConfiguration *pb_session_get_draft              (PbSession           *self);
/* The newest revision and its number; NULL and 0 when there is none. */
PbConfiguration *pb_session_get_saved              (PbSession           *self);
guint            pb_session_get_saved_number       (PbSession           *self);
/* The draft differs from the newest revision. */
gboolean         pb_session_get_has_unsaved_changes (PbSession          *self);

/* The checks and the preview of the draft: GListModels of PbFinding and
 * PbPreviewEvent, updated in place (only the items that changed) after
 * each burst of edits; ::refreshed says when. */
GListModel      *pb_session_get_findings           (PbSession           *self);
GListModel      *pb_session_get_preview            (PbSession           *self);
guint            pb_session_get_n_errors           (PbSession           *self);
guint            pb_session_get_n_warnings         (PbSession           *self);
/* The findings and the preview show the draft as it is now (::refreshed
 * was emitted for its last change). */
gboolean         pb_session_get_refreshed          (PbSession           *self);
/* Works out checks and preview now, on this thread, if edits are pending. */
void             pb_session_refresh_now            (PbSession           *self);

PbDraftStatus    pb_session_get_draft_status       (PbSession           *self);
/* Why the last write failed, while the status says RETRYING (or a write of
 * edits kept aside failed); NULL otherwise. */
const GError    *pb_session_get_draft_error        (PbSession           *self);
/* Edits or requests have not all reached the store yet (the :busy
 * property): an application stays alive while a session is busy. */
gboolean         pb_session_get_busy               (PbSession           *self);
/* What the store holds since another window or program wrote it, while
 * this session's edits are kept aside; NULL otherwise. */
PbConfiguration *pb_session_get_elsewhere          (PbSession           *self);

/* Edits. Each is one undoable step, autosaved. While the session is not
 * loaded they are ignored. */
void             pb_session_set_presence_mapping   (PbSession           *self,
                                                    const char          *api_name,
                                                    const char          *state_id);
void             pb_session_set_state_mapping      (PbSession           *self,
                                                    const char          *state_id,
                                                    const char          *presence_api_name);
void             pb_session_unset_state_mapping    (PbSession           *self,
                                                    const char          *state_id);
void             pb_session_set_revert_to_last_status (PbSession        *self,
                                                       gboolean          revert);
/* Makes the draft's two mappings and Revert to last status @with's, its
 * lists kept (pb_configuration_set_published()): how a conflict merged row
 * by row (pb_conflict_build_merged()) becomes the draft, before
 * pb_session_resolve_conflict_async() keeps it. */
void             pb_session_replace_mapping        (PbSession           *self,
                                                    PbConfiguration     *with);
gboolean         pb_session_get_can_undo           (PbSession           *self);
gboolean         pb_session_get_can_redo           (PbSession           *self);
gboolean         pb_session_undo                   (PbSession           *self);
gboolean         pb_session_redo                   (PbSession           *self);

/* Records the draft as it is now as a revision (comment may be NULL).
 * Refused while the checks find errors (PB_ERROR_INVALID_CONFIGURATION) and
 * while edits are kept aside (PB_ERROR_STORE_CHANGED). Returns the revision
 * number, 0 on error. */
void             pb_session_save_async             (PbSession           *self,
                                                    const char          *comment,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
guint            pb_session_save_finish            (PbSession           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* Finishes once every edit is in the store (the draft, or kept aside); a
 * failing write is tried once more at once, and its error returned. What
 * "Keep as Draft" waits for before a window closes. */
void             pb_session_flush_async            (PbSession           *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         pb_session_flush_finish           (PbSession           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* Makes revision @number the draft (recorded as a new revision); undoable.
 * Returns the new revision's number. */
void             pb_session_restore_async          (PbSession           *self,
                                                    guint                number,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
guint            pb_session_restore_finish         (PbSession           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* Applies @plan (made for this session's profile); undoable. Returns the
 * revision number. */
void             pb_session_import_async           (PbSession           *self,
                                                    PbImportPlan        *plan,
                                                    const char          *comment,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
guint            pb_session_import_finish          (PbSession           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* Settles edits kept aside (pb_session_get_elsewhere() not NULL). */
void             pb_session_resolve_async          (PbSession           *self,
                                                    PbSessionChoice      choice,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         pb_session_resolve_finish         (PbSession           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* The remote side, as the store last said: the remote configuration the
 * draft is based on (publish against its ETag; the :base property), the
 * newest one received, whether the two are in conflict (:conflict), and
 * whether the account offers Revert to last status. */
PbRemoteConfiguration *pb_session_get_base         (PbSession           *self);
PbRemoteConfiguration *pb_session_get_remote       (PbSession           *self);
gboolean         pb_session_get_conflict           (PbSession           *self);
PbAvailability   pb_session_get_revert_available   (PbSession           *self);

/* Records what a fetch brought (pb_store_record_fetch()), after the edits
 * here reached the store; the draft follows, undoably. Refused while edits
 * are kept aside. */
void             pb_session_record_fetch_async     (PbSession           *self,
                                                    PbConfiguration     *fetched,
                                                    const char          *etag,
                                                    gint64               remote_revision,
                                                    PbAvailability       revert_available,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
PbFetchOutcome  *pb_session_record_fetch_finish    (PbSession           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* Records a publish (pb_store_record_publish()); returns the revision. */
void             pb_session_record_publish_async   (PbSession             *self,
                                                    PbConfiguration       *published,
                                                    PbRemoteConfiguration *stored,
                                                    const char            *comment,
                                                    GCancellable          *cancellable,
                                                    GAsyncReadyCallback    callback,
                                                    gpointer               user_data);
guint            pb_session_record_publish_finish  (PbSession           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* Settles a conflict with the remote configuration
 * (pb_store_resolve_conflict()). */
void             pb_session_resolve_conflict_async (PbSession           *self,
                                                    gboolean             keep_local,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         pb_session_resolve_conflict_finish (PbSession          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Changes the profile's connection settings (@edited: a copy of
 * pb_session_get_profile() with other URLs, ids, callback port or org
 * kind), after the writes queued before; then :profile, which the remote
 * side follows. The generation does not change: settings are not the
 * draft, and other windows of the profile are not made to choose. */
void             pb_session_update_profile_async   (PbSession           *self,
                                                    PbProfile           *edited,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         pb_session_update_profile_finish  (PbSession           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
