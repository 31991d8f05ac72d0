/* pb-session-private.h: what the pb-session-*.c files share
 *
 * PbSession is split by concern: pb-session.c is the object (properties,
 * loading, edits), pb-session-refresh.c the checks and the preview,
 * pb-session-writes.c the one write at a time to the store,
 * pb-session-requests.c the requests callers queue (save, restore, import,
 * fetch, publish, …) and pb-session-watch.c the other writers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-session.h"

G_BEGIN_DECLS

typedef enum
{
  OP_SAVE,
  OP_FLUSH,
  OP_RESTORE,
  OP_IMPORT,
  OP_RESOLVE,
  OP_RECORD_FETCH,
  OP_RECORD_PUBLISH,
  OP_RESOLVE_CONFLICT,
  OP_UPDATE_PROFILE,
} OpKind;

typedef struct
{
  OpKind kind;
  GTask *task;
  char *comment;
  guint number;
  PbImportPlan *plan;
  PbSessionChoice choice;
  PbConfiguration *snapshot;  /* what Save records: the draft when asked; what was fetched or published */
  gboolean tried;             /* a flush, or a request that needs the draft in the store, already forced a write */
  /* Fetch and publish */
  char *etag;
  gint64 remote_revision;
  PbAvailability availability;
  PbRemoteConfiguration *stored;
  gboolean keep_local;
  GObject *outcome;           /* what the request returns, besides a number */
  PbProfile *profile;         /* new connection settings */
} Op;

struct _PbSession
{
  GObject parent_instance;

  PbStore *store;
  PbProfile *profile;
  GCancellable *cancellable;  /* reads; cancelled by dispose */

  gboolean loaded;
  PbConfiguration *draft;
  PbUndoStack *undo_stack;
  PbConfiguration *saved;
  guint saved_number;
  guint64 generation;
  gboolean has_unsaved_changes;

  /* Checks and preview */
  GListStore *findings;
  GListStore *preview;
  guint n_errors;
  guint n_warnings;
  guint refresh_source;
  guint64 edit_serial;     /* +1 by every change of the draft (or of the revision it is compared with) */
  guint64 applied_serial;  /* the edit the lists show */
  gboolean refreshing;     /* a thread is working */

  /* Writes */
  GQueue ops;
  gboolean writing;        /* a store write is under way */
  gboolean writing_aside;  /* ... and it is the edits kept aside */
  gboolean dirty;          /* the draft changed since it was last sent */
  guint suppress_dirty;    /* the session itself makes the draft what the store has */
  PbDraftStatus status;
  GError *draft_error;
  guint retry_source;
  guint retry_delay_ms;
  PbProfileState *elsewhere;
  gboolean loading_elsewhere;

  /* The remote side, as the store last said */
  PbRemoteConfiguration *base;
  PbRemoteConfiguration *remote;
  gboolean conflict;
  PbAvailability revert_available;

  /* Other writers */
  guint poll_source;
  gboolean polling;
  guint64 write_serial;    /* +1 by every write sent: a poll older than one is stale */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROFILE,
  PROP_LOADED,
  PROP_SAVED_NUMBER,
  PROP_HAS_UNSAVED_CHANGES,
  PROP_N_ERRORS,
  PROP_N_WARNINGS,
  PROP_DRAFT_STATUS,
  PROP_ELSEWHERE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_BUSY,
  PROP_BASE,
  PROP_CONFLICT,
  N_PROPS
};

enum {
  REFRESHED,
  RELOADED,
  N_SIGNALS
};

extern GParamSpec *_pb_session_properties[N_PROPS];
extern guint       _pb_session_signals[N_SIGNALS];

/* pb-session.c: properties that follow from the state, notified when
 * they change */
void     _pb_session_set_status          (PbSession        *self,
                                          PbDraftStatus     status);
void     _pb_session_update_busy         (PbSession        *self,
                                          gboolean          was_busy);
void     _pb_session_set_saved           (PbSession        *self,
                                          PbConfiguration  *saved,
                                          guint             number);
void     _pb_session_set_elsewhere       (PbSession        *self,
                                          PbProfileState   *state);
void     _pb_session_set_remote          (PbSession        *self,
                                          PbProfileState   *state);
void     _pb_session_clear_draft_error   (PbSession        *self);
gboolean _pb_session_differs_from_saved  (PbConfiguration  *draft,
                                          PbConfiguration  *saved);
void     _pb_session_op_free             (Op               *op);

/* pb-session-refresh.c */
void     _pb_session_schedule_refresh    (PbSession        *self);

/* pb-session-writes.c */
void     _pb_session_draft_changed_cb    (PbSession        *self,
                                          PbConfiguration  *draft);
/* Makes the draft what the store has, without writing it back. */
void     _pb_session_take_stored         (PbSession        *self,
                                          PbConfiguration  *stored,
                                          gboolean          undoable);
void     _pb_session_take_state          (PbSession        *self,
                                          PbProfileState   *state,
                                          gboolean          undoable);
void     _pb_session_write_failed        (PbSession        *self,
                                          GError           *error);
void     _pb_session_run_next            (PbSession        *self);
void     _pb_session_queue_op            (PbSession           *self,
                                          Op                  *op,
                                          gpointer             source_tag,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);

/* pb-session-watch.c */
void     _pb_session_enter_elsewhere     (PbSession        *self);
gboolean _pb_session_poll_cb             (gpointer          user_data);

G_END_DECLS
