/* pb-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-checks.h"
#include "pb-dialog-util.h"
#include "pb-diff.h"
#include "pb-error.h"
#include "pb-import-dialog.h"

struct _PbImportDialog
{
  AdwWindow parent_instance;

  PbStore *store;
  char *profile_name;
  PbConfiguration *imported;
  char *file_display_name;

  /* Where the import lands, once prepared: the name of the target profile
   * (existing or to be created). */
  char *target_name;
  guint target_is_new : 1;
  guint prepared : 1;
  guint importing : 1;

  GCancellable *cancellable;
  guint n_pending;

  GtkLabel *summary_label;
  GtkLabel *detail_label;
  GtkWidget *errors_box;
  GtkLabel *errors_label;
  GtkWidget *snapshot_box;
  GtkSpinner *spinner;
  GtkWidget *import_button;
  AdwEntryRow *comment_row;
  PbDiffView *diff_view;
  PbDiffView *snapshot_view;
};

G_DEFINE_FINAL_TYPE (PbImportDialog, pb_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROFILE_NAME,
  PROP_IMPORTED,
  PROP_FILE_DISPLAY_NAME,
  PROP_BUSY,
  N_PROPS
};

enum {
  IMPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What a worker thread needs, and what it finds. The dialog itself stays
 * out of the task (it is the callback's data) so that it is only ever
 * released on the main thread. */
typedef struct
{
  PbStore *store;
  char *profile_name;
  PbConfiguration *imported;
  char *comment;

  char *target_name;
  gboolean target_is_new;
  GListModel *changes;
  GListModel *snapshot_changes;
  guint n_errors;
  guint revision;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->profile_name, g_free);
  g_clear_object (&data->imported);
  g_clear_pointer (&data->comment, g_free);
  g_clear_pointer (&data->target_name, g_free);
  g_clear_object (&data->changes);
  g_clear_object (&data->snapshot_changes);
  g_free (data);
}

static TaskData *
task_data_new (PbImportDialog *self,
               const char     *profile_name)
{
  TaskData *data = g_new0 (TaskData, 1);

  data->store = g_object_ref (self->store);
  data->profile_name = g_strdup (profile_name);
  /* A copy: the worker reads it while the caller keeps its own. */
  data->imported = pb_configuration_copy (self->imported);

  return data;
}

static void
pb_import_dialog_update_actions (PbImportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply",
                                 self->prepared && !self->importing);
}

static void
pb_import_dialog_hold (PbImportDialog *self)
{
  pb_dialog_hold (G_OBJECT (self), &self->n_pending, self->spinner, properties[PROP_BUSY]);
}

static void
pb_import_dialog_release (PbImportDialog *self)
{
  pb_dialog_release (G_OBJECT (self), &self->n_pending, self->spinner, properties[PROP_BUSY]);
}

static gboolean
is_list_path (const char *path)
{
  return g_str_has_prefix (path, "agentStates") || g_str_has_prefix (path, "presenceStatuses");
}

static GListModel *
filter_list_changes (GListModel *changes)
{
  GListStore *lists = g_list_store_new (PB_TYPE_CHANGE);
  guint n_items = g_list_model_get_n_items (changes);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbChange) change = g_list_model_get_item (changes, i);

      if (is_list_path (pb_change_get_path (change)))
        g_list_store_append (lists, change);
    }

  return G_LIST_MODEL (lists);
}

/* The profile the import lands in, as pb_store_import() picks it; NULL with
 * no error means a profile that does not exist yet. */
static PbProfile *
find_target (TaskData  *data,
             GError   **error)
{
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(GError) local_error = NULL;

  if (data->profile_name != NULL)
    profile = pb_store_lookup_profile (data->store, data->profile_name, &local_error);
  else
    profile = pb_store_get_default_profile (data->store, &local_error);

  if (profile != NULL)
    return g_steal_pointer (&profile);

  if (!g_error_matches (local_error, PB_ERROR, PB_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (data->profile_name != NULL)
    return NULL;

  /* No name and no default: only an empty store gets a new profile; with
   * several profiles and none the default, refuse rather than guess. */
  profiles = pb_store_list_profiles (data->store, error);
  if (profiles == NULL)
    return NULL;
  if (g_list_model_get_n_items (profiles) > 0)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return NULL;
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbConfiguration) current = NULL;
  g_autoptr(PbConfiguration) landing = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;

  profile = find_target (data, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (profile != NULL)
    current = pb_store_load_draft (data->store, profile, &error);
  else
    current = pb_configuration_new ();
  if (current != NULL)
    landing = pb_store_prepare_import (data->store, profile, data->imported, &error);
  if (landing == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (profile != NULL)
    {
      g_autoptr(GListModel) file_changes = NULL;

      data->target_name = g_strdup (pb_profile_get_name (profile));
      data->target_is_new = FALSE;

      /* A profile that keeps its fetched lists only takes the file's
       * mapping: how the file's lists differ from the profile's is not in
       * the changes, but the administrator must see it all the same. */
      file_changes = pb_diff_configurations (landing, data->imported);
      data->snapshot_changes = filter_list_changes (file_changes);
    }
  else
    {
      const char *org_name = pb_configuration_get_org_name (data->imported);

      /* The name pb_store_import() gives a profile it creates. */
      if (data->profile_name != NULL)
        data->target_name = g_strdup (data->profile_name);
      else if (org_name != NULL && *org_name != '\0')
        data->target_name = g_strdup (org_name);
      else
        data->target_name = g_strdup ("Default");
      data->target_is_new = TRUE;
    }

  data->changes = pb_diff_configurations (current, landing);

  findings = pb_checks_run (landing);
  data->n_errors = pb_checks_count (findings, PB_SEVERITY_ERROR);

  g_task_return_boolean (task, TRUE);
}

static void
pb_import_dialog_show_summary (PbImportDialog *self,
                               TaskData       *data)
{
  g_autofree char *summary = NULL;

  if (data->target_is_new)
    /* Translators: first %s is a file name, second %s a profile name */
    summary = g_strdup_printf (_("Import “%s” into the new profile “%s”"),
                               self->file_display_name, data->target_name);
  else
    /* Translators: first %s is a file name, second %s a profile name */
    summary = g_strdup_printf (_("Import “%s” into “%s”"),
                               self->file_display_name, data->target_name);
  gtk_label_set_label (self->summary_label, summary);

  if (g_list_model_get_n_items (data->changes) == 0)
    {
      gtk_label_set_label (self->detail_label,
                           _("The profile already has this configuration. Importing it "
                             "records it as a new revision all the same."));
      gtk_widget_set_visible (GTK_WIDGET (self->detail_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->detail_label), FALSE);

  if (data->n_errors > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "This configuration has %u error. It can be imported "
                                      "and becomes the draft, but it cannot be saved or "
                                      "published until the error is fixed.",
                                      "This configuration has %u errors. It can be imported "
                                      "and becomes the draft, but it cannot be saved or "
                                      "published until the errors are fixed.",
                                      data->n_errors),
                         data->n_errors);
      gtk_label_set_label (self->errors_label, text);
    }
  gtk_widget_set_visible (self->errors_box, data->n_errors > 0);

  pb_diff_view_set_changes (self->diff_view, data->changes);
  pb_diff_view_set_changes (self->snapshot_view, data->snapshot_changes);
  gtk_widget_set_visible (self->snapshot_box,
                          data->snapshot_changes != NULL &&
                          g_list_model_get_n_items (data->snapshot_changes) > 0);
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PbImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  TaskData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *summary =
            /* Translators: %s is a file name */
            g_strdup_printf (_("“%s” cannot be imported here"), self->file_display_name);

          gtk_label_set_label (self->summary_label, summary);
          gtk_label_set_label (self->detail_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->detail_label), TRUE);
          pb_dialog_show_error (GTK_WINDOW (self), _("Could Not Prepare the Import"), error);
        }
      pb_import_dialog_release (self);
      return;
    }

  g_free (self->target_name);
  self->target_name = g_strdup (data->target_name);
  self->target_is_new = data->target_is_new;
  self->prepared = TRUE;

  pb_import_dialog_show_summary (self, data);
  pb_import_dialog_update_actions (self);
  pb_import_dialog_release (self);

  /* Import is what the dialog is for: the focus goes to it (it could not
   * take it while the differences were computed), so Enter imports, as
   * in any GNOME dialog, and Escape cancels. */
  gtk_widget_grab_focus (self->import_button);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(PbProfile) profile = NULL;
  GError *error = NULL;

  data->revision = pb_store_import (data->store, data->profile_name, data->imported,
                                    data->comment, NULL, &profile, &error);
  if (data->revision == 0)
    {
      g_task_return_error (task, error);
      return;
    }

  g_free (data->target_name);
  data->target_name = g_strdup (profile != NULL ? pb_profile_get_name (profile) : data->profile_name);
  g_task_return_boolean (task, TRUE);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PbImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  TaskData *data = g_task_get_task_data (G_TASK (result));

  self->importing = FALSE;
  pb_import_dialog_release (self);

  /* Not cancellable (the dialog refuses to close meanwhile), but the parent
   * may have gone: the signal still tells the owner what was recorded. */
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_signal_emit (self, signals[IMPORTED], 0, data->revision, data->target_name);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->diff_view == NULL)
    return;

  pb_import_dialog_update_actions (self);
  pb_dialog_show_error (GTK_WINDOW (self), _("Could Not Import"), error);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pb_import_dialog_apply (PB_IMPORT_DIALOG (widget));
}

static gboolean
pb_import_dialog_close_request (GtkWindow *window)
{
  PbImportDialog *self = PB_IMPORT_DIALOG (window);

  /* The import is one transaction: let it finish so its result (or its
   * error) is never lost with the dialog. */
  return pb_dialog_close_request (window, GTK_WINDOW_CLASS (pb_import_dialog_parent_class),
                                  self->importing);
}

static void
pb_import_dialog_constructed (GObject *object)
{
  PbImportDialog *self = (PbImportDialog *)object;
  g_autofree char *comment = NULL;
  g_autofree char *summary = NULL;

  G_OBJECT_CLASS (pb_import_dialog_parent_class)->constructed (object);

  g_return_if_fail (PB_IS_STORE (self->store));
  g_return_if_fail (PB_IS_CONFIGURATION (self->imported));

  if (self->file_display_name == NULL)
    self->file_display_name = g_strdup (_("Unnamed file"));

  /* Translators: the comment of the revision an import records; %s is a file name */
  comment = g_strdup_printf (_("Imported from %s"), self->file_display_name);
  gtk_editable_set_text (GTK_EDITABLE (self->comment_row), comment);

  /* Translators: %s is a file name */
  summary = g_strdup_printf (_("Import “%s”"), self->file_display_name);
  gtk_label_set_label (self->summary_label, summary);

  pb_import_dialog_hold (self);
  pb_dialog_run_in_thread (G_OBJECT (self), self->cancellable, pb_import_dialog_constructed,
                           task_data_new (self, self->profile_name), (GDestroyNotify) task_data_free,
                           prepare_thread, prepare_cb);
}

static void
pb_import_dialog_dispose (GObject *object)
{
  PbImportDialog *self = (PbImportDialog *)object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (pb_import_dialog_parent_class)->dispose (object);
}

static void
pb_import_dialog_finalize (GObject *object)
{
  PbImportDialog *self = (PbImportDialog *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->profile_name, g_free);
  g_clear_object (&self->imported);
  g_clear_pointer (&self->file_display_name, g_free);
  g_clear_pointer (&self->target_name, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pb_import_dialog_parent_class)->finalize (object);
}

static void
pb_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbImportDialog *self = PB_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROFILE_NAME:
      g_value_set_string (value, self->profile_name);
      break;
    case PROP_IMPORTED:
      g_value_set_object (value, self->imported);
      break;
    case PROP_FILE_DISPLAY_NAME:
      g_value_set_string (value, self->file_display_name);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, pb_import_dialog_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_import_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbImportDialog *self = PB_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROFILE_NAME:
      self->profile_name = g_value_dup_string (value);
      break;
    case PROP_IMPORTED:
      self->imported = g_value_dup_object (value);
      break;
    case PROP_FILE_DISPLAY_NAME:
      self->file_display_name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_import_dialog_class_init (PbImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pb_import_dialog_constructed;
  object_class->dispose = pb_import_dialog_dispose;
  object_class->finalize = pb_import_dialog_finalize;
  object_class->get_property = pb_import_dialog_get_property;
  object_class->set_property = pb_import_dialog_set_property;

  window_class->close_request = pb_import_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_NAME] =
    g_param_spec_string ("profile-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMPORTED] =
    g_param_spec_object ("imported", NULL, NULL, PB_TYPE_CONFIGURATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE_DISPLAY_NAME] =
    g_param_spec_string ("file-display-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/presencebridge/PresenceBridge/pb-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, errors_box);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, errors_label);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, snapshot_box);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, comment_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, diff_view);
  gtk_widget_class_bind_template_child (widget_class, PbImportDialog, snapshot_view);

  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
pb_import_dialog_init (PbImportDialog *self)
{
  g_type_ensure (PB_TYPE_DIFF_VIEW);

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  pb_import_dialog_update_actions (self);
}

GtkWidget *
pb_import_dialog_new (GtkWindow       *parent,
                      PbStore         *store,
                      const char      *profile_name,
                      PbConfiguration *imported,
                      const char      *file_display_name)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_CONFIGURATION (imported), NULL);

  return g_object_new (PB_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "profile-name", profile_name,
                       "imported", imported,
                       "file-display-name", file_display_name,
                       NULL);
}

gboolean
pb_import_dialog_get_busy (PbImportDialog *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_DIALOG (self), FALSE);

  return self->n_pending > 0;
}

PbDiffView *
pb_import_dialog_get_diff_view (PbImportDialog *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_DIALOG (self), NULL);

  return self->diff_view;
}

void
pb_import_dialog_apply (PbImportDialog *self)
{
  TaskData *data;
  const char *comment;

  g_return_if_fail (PB_IS_IMPORT_DIALOG (self));

  if (!self->prepared || self->importing)
    return;

  /* A new profile without a name is left to the store to name and make
   * the default, as prepared; any other target by the name shown. */
  data = task_data_new (self, self->target_is_new && self->profile_name == NULL
                              ? NULL : self->target_name);
  comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));
  data->comment = *comment != '\0' ? g_strdup (comment) : NULL;

  self->importing = TRUE;
  pb_import_dialog_update_actions (self);
  pb_import_dialog_hold (self);

  pb_dialog_run_in_thread (G_OBJECT (self), NULL, pb_import_dialog_apply,
                           data, (GDestroyNotify) task_data_free,
                           import_thread, import_cb);
}
