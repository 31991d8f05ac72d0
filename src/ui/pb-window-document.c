/* pb-window-document.c: the document's state, its edits and its refresh
 * (its store jobs are in pb-window-document-store.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-window-document-private.h"

G_DEFINE_FINAL_TYPE (PbWindowDocument, pb_window_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HAS_UNSAVED_CHANGES,
  PROP_SAVED_REVISION,
  PROP_BUSY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_AUTOSAVE_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Shared with the store jobs */

void
_pb_window_document_hold (PbWindowDocument *self)
{
  if (self->application != NULL)
    g_application_hold (self->application);
  if (self->n_jobs++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_pb_window_document_release (PbWindowDocument *self)
{
  g_assert (self->n_jobs > 0);
  if (--self->n_jobs == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (self->application != NULL)
    g_application_release (self->application);
}

void
_pb_window_document_set_autosave_error (PbWindowDocument *self,
                                        const char       *message)
{
  if (g_strcmp0 (self->autosave_error, message) == 0)
    return;

  g_free (self->autosave_error);
  self->autosave_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE_ERROR]);
}
void
_pb_window_document_set_saved (PbWindowDocument *self,
                               PbConfiguration  *saved,
                               guint             number)
{
  g_set_object (&self->saved, saved);
  self->saved_state = SAVED_KNOWN;
  if (self->saved_number != number)
    {
      self->saved_number = number;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED_REVISION]);
    }
}

/* Refresh: everything that follows from the draft, once per burst of edits */

static void
set_has_unsaved_changes (PbWindowDocument *self,
                         gboolean          unsaved)
{
  if (self->has_unsaved_changes == unsaved)
    return;

  self->has_unsaved_changes = unsaved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_UNSAVED_CHANGES]);
}

void
pb_window_document_refresh (PbWindowDocument *self)
{
  g_return_if_fail (PB_IS_WINDOW_DOCUMENT (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->saved_state != SAVED_KNOWN)
    {
      self->refresh_wanted = TRUE;
      if (self->saved_state == SAVED_UNKNOWN)
        _pb_window_document_load_saved (self);
      return;
    }
  self->refresh_wanted = FALSE;

  g_clear_object (&self->findings);
  g_clear_object (&self->preview);
  self->findings = pb_checks_run (self->draft);
  self->preview = pb_preview_build (self->draft);

  if (self->saved != NULL)
    {
      set_has_unsaved_changes (self, !pb_configuration_equal (self->draft, self->saved));
    }
  else
    {
      g_autoptr(PbConfiguration) empty = pb_configuration_new ();

      set_has_unsaved_changes (self, !pb_configuration_equal (self->draft, empty));
    }

  g_signal_emit (self, signals[REFRESHED], 0);
  pb_window_document_autosave (self);
}

void
pb_window_document_ensure_refreshed (PbWindowDocument *self)
{
  g_return_if_fail (PB_IS_WINDOW_DOCUMENT (self));

  if (self->saved_state != SAVED_KNOWN)
    {
      if (self->saved_state == SAVED_UNKNOWN)
        _pb_window_document_load_saved (self);
      pb_store_queue_wait (self->queue);
      _pb_window_document_take_saved (self);
    }

  if (self->refresh_source != 0 || self->findings == NULL || self->refresh_wanted)
    pb_window_document_refresh (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  PbWindowDocument *self = user_data;

  self->refresh_source = 0;
  pb_window_document_refresh (self);

  return G_SOURCE_REMOVE;
}

/* An edit is recomputed one frame later: the row it came from is drawn
 * with its new value first (an idle would run before the frame clock's
 * next frame, and at 5,000 statuses the checks take longer than a frame),
 * and a burst of edits is recomputed once. */
#define REFRESH_DELAY_MS 20

static void
draft_changed_cb (PbWindowDocument *self)
{
  self->generation++;
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add_full (G_PRIORITY_LOW, REFRESH_DELAY_MS, refresh_cb, self, NULL);
}

static void
undo_stack_notify_cb (PbWindowDocument *self,
                      GParamSpec       *pspec)
{
  if (g_str_equal (pspec->name, "can-undo"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Edits */

void
pb_window_document_set_presence_mapping (PbWindowDocument *self,
                                         const char       *api_name,
                                         const char       *state_id)
{
  g_return_if_fail (PB_IS_WINDOW_DOCUMENT (self));
  pb_undo_stack_set_presence_mapping (self->undo_stack, api_name, state_id);
}

void
pb_window_document_set_state_mapping (PbWindowDocument *self,
                                      const char       *state_id,
                                      gboolean          has_entry,
                                      const char       *presence)
{
  g_return_if_fail (PB_IS_WINDOW_DOCUMENT (self));

  if (has_entry)
    pb_undo_stack_set_state_mapping (self->undo_stack, state_id, presence);
  else
    pb_undo_stack_unset_state_mapping (self->undo_stack, state_id);
}

void
pb_window_document_set_revert_to_last_status (PbWindowDocument *self,
                                              gboolean          revert)
{
  g_return_if_fail (PB_IS_WINDOW_DOCUMENT (self));

  if (pb_configuration_get_revert_to_last_status (self->draft) != revert)
    pb_undo_stack_set_revert_to_last_status (self->undo_stack, revert);
}

gboolean
pb_window_document_undo (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), FALSE);

  if (!pb_undo_stack_undo (self->undo_stack))
    return FALSE;
  pb_window_document_refresh (self);
  return TRUE;
}

gboolean
pb_window_document_redo (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), FALSE);

  if (!pb_undo_stack_redo (self->undo_stack))
    return FALSE;
  pb_window_document_refresh (self);
  return TRUE;
}

/* Getters */

PbProfile *
pb_window_document_get_profile (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), NULL);
  return self->profile;
}

PbConfiguration *
pb_window_document_get_draft (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), NULL);
  return self->draft;
}

GListModel *
pb_window_document_get_findings (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), NULL);
  return self->findings;
}

GListModel *
pb_window_document_get_preview (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), NULL);
  return self->preview;
}

guint
pb_window_document_get_n_errors (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), 0);

  pb_window_document_ensure_refreshed (self);
  return pb_checks_count (self->findings, PB_SEVERITY_ERROR);
}

gboolean
pb_window_document_get_has_unsaved_changes (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), FALSE);
  return self->has_unsaved_changes;
}

PbConfiguration *
pb_window_document_get_saved (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), NULL);
  return self->saved;
}

guint
pb_window_document_get_saved_revision (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), 0);
  return self->saved_number;
}

gboolean
pb_window_document_get_busy (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), FALSE);
  return self->n_jobs > 0;
}

gboolean
pb_window_document_get_can_undo (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), FALSE);
  return pb_undo_stack_get_can_undo (self->undo_stack);
}

gboolean
pb_window_document_get_can_redo (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), FALSE);
  return pb_undo_stack_get_can_redo (self->undo_stack);
}

const char *
pb_window_document_get_autosave_error (PbWindowDocument *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_DOCUMENT (self), NULL);
  return self->autosave_error;
}

/* GObject */

PbWindowDocument *
_pb_window_document_new (PbStore         *store,
                         PbStoreQueue    *queue,
                         PbProfile       *profile,
                         PbConfiguration *draft,
                         guint            saved_number)
{
  PbWindowDocument *self = g_object_new (PB_TYPE_WINDOW_DOCUMENT, NULL);

  if (g_application_get_default () != NULL)
    self->application = g_object_ref (g_application_get_default ());
  self->store = g_object_ref (store);
  self->queue = g_object_ref (queue);
  self->profile = g_object_ref (profile);
  self->draft = g_object_ref (draft);
  self->saved_number = saved_number;

  self->undo_stack = pb_undo_stack_new (self->draft);
  g_signal_connect_object (self->undo_stack, "notify::can-undo", G_CALLBACK (undo_stack_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_stack, "notify::can-redo", G_CALLBACK (undo_stack_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draft, "changed", G_CALLBACK (draft_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}


static void
pb_window_document_dispose (GObject *object)
{
  PbWindowDocument *self = (PbWindowDocument *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);

  G_OBJECT_CLASS (pb_window_document_parent_class)->dispose (object);
}

static void
pb_window_document_finalize (GObject *object)
{
  PbWindowDocument *self = (PbWindowDocument *)object;

  g_clear_object (&self->undo_stack);
  g_clear_object (&self->findings);
  g_clear_object (&self->preview);
  g_clear_object (&self->draft);
  g_clear_object (&self->saved);
  g_clear_object (&self->saved_task);
  g_clear_object (&self->profile);
  g_clear_object (&self->queue);
  g_clear_object (&self->store);
  g_clear_object (&self->application);
  g_clear_pointer (&self->autosave_error, g_free);

  G_OBJECT_CLASS (pb_window_document_parent_class)->finalize (object);
}

static void
pb_window_document_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PbWindowDocument *self = PB_WINDOW_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_HAS_UNSAVED_CHANGES:
      g_value_set_boolean (value, self->has_unsaved_changes);
      break;
    case PROP_SAVED_REVISION:
      g_value_set_uint (value, self->saved_number);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_jobs > 0);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, pb_window_document_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, pb_window_document_get_can_redo (self));
      break;
    case PROP_AUTOSAVE_ERROR:
      g_value_set_string (value, self->autosave_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_window_document_class_init (PbWindowDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_window_document_dispose;
  object_class->finalize = pb_window_document_finalize;
  object_class->get_property = pb_window_document_get_property;

  properties[PROP_HAS_UNSAVED_CHANGES] =
    g_param_spec_boolean ("has-unsaved-changes", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVED_REVISION] =
    g_param_spec_uint ("saved-revision", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOSAVE_ERROR] =
    g_param_spec_string ("autosave-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbWindowDocument::refreshed:
   *
   * The findings, the preview and "has-unsaved-changes" follow the draft
   * as it is now.
   */
  signals[REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_window_document_init (PbWindowDocument *self)
{
}
