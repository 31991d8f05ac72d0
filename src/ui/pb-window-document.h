/* pb-window-document.h: the profile a window edits, and everything that
 * follows from its draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-core.h"
#include "pb-store-queue.h"

G_BEGIN_DECLS

#define PB_TYPE_WINDOW_DOCUMENT (pb_window_document_get_type ())

G_DECLARE_FINAL_TYPE (PbWindowDocument, pb_window_document, PB, WINDOW_DOCUMENT, GObject)

/* The window's data, in one place: the profile's draft and newest
 * revision, the undo stack, the checks and the preview (recomputed once
 * per burst of edits, in an idle, then ::refreshed), the autosave of every
 * edit to the store's draft (in order, on @queue's worker thread) and
 * saving a revision. The window's parts only read what it offers and call
 * its edits; nothing else in the window touches the store's draft.
 *
 * It is the window's stand-in for the core's editing session: when that
 * exists, this file is what it replaces, one for one. */
/* Reads @profile's draft on @queue's worker thread, after every write
 * queued before. Its newest revision is read when first needed (the
 * first refresh, which the window runs after its first frame, or
 * pb_window_document_ensure_refreshed()). */
void              pb_window_document_load_async        (PbStore             *store,
                                                        PbStoreQueue        *queue,
                                                        PbProfile           *profile,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
PbWindowDocument *pb_window_document_load_finish       (GAsyncResult        *result,
                                                        GError             **error);

PbProfile        *pb_window_document_get_profile       (PbWindowDocument  *self);
/* The configuration being edited; read it, edit it through the setters. */
PbConfiguration  *pb_window_document_get_draft         (PbWindowDocument  *self);
/* PbFinding and PbPreviewEvent lists of the last refresh (each refresh
 * makes new ones); NULL until the first refresh after loading. */
GListModel       *pb_window_document_get_findings      (PbWindowDocument  *self);
GListModel       *pb_window_document_get_preview       (PbWindowDocument  *self);
guint             pb_window_document_get_n_errors      (PbWindowDocument  *self);
/* The draft differs from the newest revision ("has-unsaved-changes"). */
gboolean          pb_window_document_get_has_unsaved_changes (PbWindowDocument *self);
/* The newest revision, NULL when there is none (or before it is read). */
PbConfiguration  *pb_window_document_get_saved         (PbWindowDocument  *self);
/* The newest revision's number, 0 when none ("saved-revision"). */
guint             pb_window_document_get_saved_revision (PbWindowDocument *self);
/* Store writes are under way ("busy"). */
gboolean          pb_window_document_get_busy          (PbWindowDocument  *self);
gboolean          pb_window_document_get_can_undo      (PbWindowDocument  *self);
gboolean          pb_window_document_get_can_redo      (PbWindowDocument  *self);
/* Why the last autosave failed, NULL when the store has every edit
 * ("autosave-error"). */
const char       *pb_window_document_get_autosave_error (PbWindowDocument *self);

/* Edits, each one step of undo. @state_id NULL: the default (Ready). */
void              pb_window_document_set_presence_mapping (PbWindowDocument *self,
                                                           const char       *api_name,
                                                           const char       *state_id);
/* @has_entry FALSE removes the state's own mapping; @presence NULL is
 * offline. */
void              pb_window_document_set_state_mapping (PbWindowDocument  *self,
                                                        const char        *state_id,
                                                        gboolean           has_entry,
                                                        const char        *presence);
void              pb_window_document_set_revert_to_last_status (PbWindowDocument *self,
                                                                gboolean          revert);
gboolean          pb_window_document_undo              (PbWindowDocument  *self);
gboolean          pb_window_document_redo              (PbWindowDocument  *self);

/* Runs the refresh now (checks, preview, autosave); or, while the newest
 * revision is being read, once it is. */
void              pb_window_document_refresh           (PbWindowDocument  *self);
/* Runs it if it is pending, or was never run since loading. */
void              pb_window_document_ensure_refreshed  (PbWindowDocument  *self);
/* Queues the autosave of what is not written yet, then waits until the
 * store has every write (before a dialog that writes the store itself). */
void              pb_window_document_flush             (PbWindowDocument  *self);
/* Queues the autosave of what is not written yet. */
void              pb_window_document_autosave          (PbWindowDocument  *self);

/* Saves the draft as a revision (with @comment, may be NULL); the result
 * is the revision's number. */
void              pb_window_document_save_revision_async  (PbWindowDocument    *self,
                                                           const char          *comment,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
guint             pb_window_document_save_revision_finish (PbWindowDocument    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
