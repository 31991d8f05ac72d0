/* pb-session-refresh.c: the checks and the preview of the draft, off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-session-private.h"

#include "pb-checks.h"
#include "pb-preview.h"


/* Checks and preview */

typedef struct
{
  PbConfiguration *draft;
  PbConfiguration *saved;
  guint64 serial;
  GListModel *findings;
  GListModel *preview;
  gboolean unsaved;
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  g_clear_object (&refresh->draft);
  g_clear_object (&refresh->saved);
  g_clear_object (&refresh->findings);
  g_clear_object (&refresh->preview);
  g_free (refresh);
}

static void
refresh_compute (Refresh *refresh)
{
  refresh->findings = pb_checks_run (refresh->draft);
  refresh->preview = pb_preview_build (refresh->draft);
  refresh->unsaved = _pb_session_differs_from_saved (refresh->draft, refresh->saved);
}

static Refresh *
refresh_new (PbSession *self)
{
  Refresh *refresh = g_new0 (Refresh, 1);

  /* A copy shares the immutable items: cheap, and the thread reads it
   * while the draft goes on changing. */
  refresh->draft = pb_configuration_copy (self->draft);
  refresh->saved = self->saved ? g_object_ref (self->saved) : NULL;
  refresh->serial = self->edit_serial;
  return refresh;
}

/* Replaces only the part of @store that differs from @fresh: an edit
 * changes a few findings or events among thousands, and a view rebinds
 * only the rows that changed. */
static void
sync_store (GListStore *store,
            GListModel *fresh,
            GEqualFunc  equal)
{
  GListModel *old = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (old);
  guint n_new = g_list_model_get_n_items (fresh);
  guint prefix = 0;
  guint suffix = 0;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (; prefix < n_old && prefix < n_new; prefix++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (old, prefix);
      g_autoptr(GObject) b = g_list_model_get_item (fresh, prefix);

      if (!equal (a, b))
        break;
    }
  for (; suffix < n_old - prefix && suffix < n_new - prefix; suffix++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (old, n_old - 1 - suffix);
      g_autoptr(GObject) b = g_list_model_get_item (fresh, n_new - 1 - suffix);

      if (!equal (a, b))
        break;
    }

  for (guint i = prefix; i < n_new - suffix; i++)
    g_ptr_array_add (added, g_list_model_get_item (fresh, i));

  if (n_old - prefix - suffix > 0 || added->len > 0)
    g_list_store_splice (store, prefix, n_old - prefix - suffix, added->pdata, added->len);
}

static void
refresh_apply (PbSession *self,
               Refresh   *refresh)
{
  guint n_errors, n_warnings;

  /* Older than what is shown already (a synchronous refresh overtook it). */
  if (refresh->serial < self->applied_serial)
    return;

  self->applied_serial = refresh->serial;

  sync_store (self->findings, refresh->findings, (GEqualFunc)pb_finding_equal);
  sync_store (self->preview, refresh->preview, (GEqualFunc)pb_preview_event_equal);

  n_errors = pb_checks_count (refresh->findings, PB_SEVERITY_ERROR);
  n_warnings = pb_checks_count (refresh->findings, PB_SEVERITY_WARNING);
  if (n_errors != self->n_errors)
    {
      self->n_errors = n_errors;
      g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_N_ERRORS]);
    }
  if (n_warnings != self->n_warnings)
    {
      self->n_warnings = n_warnings;
      g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_N_WARNINGS]);
    }
  if (refresh->unsaved != self->has_unsaved_changes)
    {
      self->has_unsaved_changes = refresh->unsaved;
      g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_HAS_UNSAVED_CHANGES]);
    }

  if (self->applied_serial == self->edit_serial)
    g_signal_emit (self, _pb_session_signals[REFRESHED], 0);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  refresh_compute (task_data);
  g_task_return_boolean (task, TRUE);
}

static void start_refresh (PbSession *self);

static void
refresh_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PbSession *self = PB_SESSION (object);

  self->refreshing = FALSE;
  if (g_task_propagate_boolean (G_TASK (result), NULL))
    refresh_apply (self, g_task_get_task_data (G_TASK (result)));

  /* Edits came in meanwhile. */
  if (self->applied_serial < self->edit_serial && self->refresh_source == 0)
    start_refresh (self);
}

static void
start_refresh (PbSession *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->refreshing)
    return;

  self->refreshing = TRUE;
  task = g_task_new (self, self->cancellable, refresh_done, NULL);
  g_task_set_source_tag (task, start_refresh);
  g_task_set_task_data (task, refresh_new (self), (GDestroyNotify)refresh_free);
  g_task_run_in_thread (task, refresh_thread);
}

static gboolean
refresh_cb (gpointer user_data)
{
  PbSession *self = user_data;

  self->refresh_source = 0;
  start_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Once per burst of edits, after the frame that shows them. */
void
_pb_session_schedule_refresh (PbSession *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_cb, self, NULL);
}

gboolean
pb_session_get_refreshed (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), FALSE);
  return self->loaded && self->applied_serial == self->edit_serial;
}

void
pb_session_refresh_now (PbSession *self)
{
  Refresh *refresh;

  g_return_if_fail (PB_IS_SESSION (self));

  if (!self->loaded || self->applied_serial == self->edit_serial)
    return;

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  refresh = refresh_new (self);
  refresh_compute (refresh);
  refresh_apply (self, refresh);
  refresh_free (refresh);
}
