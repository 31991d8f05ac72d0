/* pb-window-document-private.h: what the document's two files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-window-document.h"

G_BEGIN_DECLS

/* The newest revision is read after the draft, once the window has
 * shown it: only "has-unsaved-changes" needs it, and at 5,000 statuses
 * reading it costs as much as reading the draft. */
typedef enum
{
  SAVED_UNKNOWN,
  SAVED_LOADING,
  SAVED_KNOWN,
} SavedState;

struct _PbWindowDocument
{
  GObject parent_instance;

  /* Held while store writes are pending, so quitting waits for them. */
  GApplication    *application;

  PbStore         *store;
  PbStoreQueue    *queue;
  PbProfile       *profile;
  PbConfiguration *draft;
  PbConfiguration *saved;          /* newest revision, NULL when none */
  guint            saved_number;
  SavedState       saved_state;
  GTask           *saved_task;     /* reading the newest revision */
  gboolean         refresh_wanted; /* once the newest revision is known */
  PbUndoStack     *undo_stack;

  GListModel      *findings;
  GListModel      *preview;
  guint            refresh_source;
  gboolean         has_unsaved_changes;

  /* Edits since the draft was loaded, and how many reached the store. */
  guint64          generation;
  guint64          autosaved_generation;
  guint            n_jobs;
  char            *autosave_error;
};

/* pb-window-document.c */
PbWindowDocument *_pb_window_document_new          (PbStore          *store,
                                                    PbStoreQueue     *queue,
                                                    PbProfile        *profile,
                                                    PbConfiguration  *draft,
                                                    guint             saved_number);
/* A store job is under way ("busy"); the application is held meanwhile. */
void              _pb_window_document_hold         (PbWindowDocument *self);
void              _pb_window_document_release      (PbWindowDocument *self);
void              _pb_window_document_set_autosave_error (PbWindowDocument *self,
                                                          const char       *message);
/* @saved (numbered @number) is the newest revision now. */
void              _pb_window_document_set_saved    (PbWindowDocument *self,
                                                    PbConfiguration  *saved,
                                                    guint             number);

/* pb-window-document-store.c */
/* Queues the reading of the newest revision. */
void              _pb_window_document_load_saved   (PbWindowDocument *self);
/* Takes what it read, once the job is done (its callback ran, or the
 * queue was waited for). */
void              _pb_window_document_take_saved   (PbWindowDocument *self);

G_END_DECLS
