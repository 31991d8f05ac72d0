/* pb-simulation-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-sim-line.h"
#include "pb-sim-row.h"
#include "pb-sim-timeline.h"
#include "pb-simulation-panel.h"
#include "pb-ui-util.h"

/* The positions of the Day drop-down's entries; the file's name is the
 * third once one is chosen. */
enum {
  DAY_ENTRY_DEFAULT,
  DAY_ENTRY_EVERY_STATUS,
  DAY_ENTRY_FILE,
};

struct _PbSimulationPanel
{
  GtkWidget parent_instance;

  /* Built when the panel is first shown (build_contents()). */
  GtkWidget     *content;
  GtkDropDown   *day_dropdown;
  GtkButton     *open_button;
  GtkSwitch     *compare_switch;
  GtkLabel      *count_label;
  GtkLabel      *difference_label;
  GtkWidget     *error_box;
  GtkLabel      *error_label;
  GtkLabel      *error_details_label;
  GtkWidget     *columns_header;
  GtkListView   *list_view;
  GtkStringList *days;

  PbSimTimeline   *timeline;
  char            *error;        /* why the day cannot be played */

  PbConfiguration *draft;
  PbConfiguration *saved;
  PbSimulationDay  day;
  gboolean         compare;

  /* The day file: read in a worker thread, then kept until another is
   * chosen (it is checked against the draft at every run). */
  GFile           *day_file;
  GtkNativeDialog *chooser;         /* a day file being chosen */
  PbDayScript     *file_script;
  GError          *file_error;
  GCancellable    *file_cancellable;

  gboolean         stale;              /* the timeline does not show what is asked */
  gboolean         focus_when_shown;
  guint            updating_dropdown;  /* the panel moves it, not a person */
  gboolean         busy;               /* as last notified */
};

G_DEFINE_FINAL_TYPE (PbSimulationPanel, pb_simulation_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DAY,
  PROP_COMPARE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FLAG_ACTIVATED,
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_busy (PbSimulationPanel *self)
{
  gboolean busy = pb_simulation_panel_get_busy (self);

  if (busy == self->busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* What the panel shows */

static void
show_counts (PbSimulationPanel *self)
{
  GListModel *steps = pb_sim_timeline_get_steps (self->timeline);
  guint n_steps = steps ? g_list_model_get_n_items (steps) : 0;
  guint n_flagged = pb_sim_timeline_get_n_flagged (self->timeline);
  guint n_differing = pb_sim_timeline_get_n_differing (self->timeline);
  gboolean compared = pb_sim_timeline_get_comparisons (self->timeline) != NULL;
  g_autofree char *count = NULL;
  g_autofree char *differing = NULL;

  if (n_flagged == 0)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No flags in %u step", "No flags in %u steps", n_steps),
                             n_steps);
  else
    /* Translators: "3 of 16 steps flagged": steps with at least one flag, of all steps */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u step flagged", "%u of %u steps flagged", n_steps),
                             n_flagged, n_steps);
  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), steps != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");
  if (n_flagged > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_label),
                              pb_sim_timeline_get_n_errors (self->timeline) > 0 ? "error" : "warning");

  if (n_differing == 0)
    differing = g_strdup (_("Publishing the draft changes nothing for agents on this day"));
  else
    differing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u step differs from the saved revision",
                                              "%u steps differ from the saved revision", n_differing),
                                 n_differing);
  gtk_label_set_label (self->difference_label, differing);
  gtk_widget_set_visible (GTK_WIDGET (self->difference_label), compared);
}

static void
timeline_updated_cb (PbSimulationPanel *self)
{
  GListModel *steps = pb_sim_timeline_get_steps (self->timeline);

  if (self->content == NULL)
    return;

  gtk_widget_set_visible (self->columns_header, steps != NULL);
  show_counts (self);

  /* Asked for while the first run was under way, and nothing else took
   * the focus since. */
  if (self->focus_when_shown && g_list_model_get_n_items (pb_sim_timeline_get_lines (self->timeline)) > 0)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

      self->focus_when_shown = FALSE;
      if (focus == GTK_WIDGET (self->day_dropdown) ||
          (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->day_dropdown))))
        gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
    }

  g_signal_emit (self, signals[UPDATED], 0);
}

/* Why the day cannot be played (NULL: it can): a sentence, and what the
 * reader of the file found under it. */
static void
show_error (PbSimulationPanel *self,
            const char        *sentence,
            const GError      *error)
{
  g_autofree char *details = error ? pb_ui_dup_display_text (error->message) : NULL;

  g_free (self->error);
  self->error = g_strdup (sentence);

  gtk_widget_set_visible (self->error_box, sentence != NULL);
  gtk_label_set_label (self->error_label, sentence);
  gtk_label_set_label (self->error_details_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->error_details_label), details != NULL);
}

/* The day to play through the draft, or NULL: the file is still being
 * read, or cannot be played (then said so). */
static PbDayScript *
make_day (PbSimulationPanel *self)
{
  g_autoptr(GError) error = NULL;

  switch (self->day)
    {
    case PB_SIMULATION_DAY_DEFAULT:
      return pb_day_script_new_default (self->draft);

    case PB_SIMULATION_DAY_EVERY_STATUS:
      return pb_day_script_new_every_status (self->draft);

    case PB_SIMULATION_DAY_FILE:
    default:
      break;
    }

  if (self->file_error != NULL)
    {
      const char *sentence;

      if (g_error_matches (self->file_error, PB_ERROR, PB_ERROR_UNSUPPORTED_VERSION))
        sentence = _("The day file was written by a newer version of Presence Bridge.");
      else if (g_error_matches (self->file_error, PB_ERROR, PB_ERROR_INVALID_FILE))
        sentence = _("The file is not a day that Presence Bridge can play.");
      else
        sentence = _("The day file could not be read.");
      show_error (self, sentence, self->file_error);
      return NULL;
    }

  if (self->file_script == NULL)
    return NULL;

  if (!pb_day_script_check_references (self->file_script, self->draft, &error))
    {
      show_error (self, _("The day names a presence status or an agent state that this profile does not have."),
                  error);
      return NULL;
    }

  return g_object_ref (self->file_script);
}

/* Something the timeline shows changed: it is played again now if the
 * panel is on screen, else when it next is. */
static void
request_run (PbSimulationPanel *self)
{
  g_autoptr(PbDayScript) day = NULL;

  self->stale = TRUE;
  if (self->content == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->stale = FALSE;

  if (self->draft == NULL)
    {
      show_error (self, NULL, NULL);
      pb_sim_timeline_clear (self->timeline);
      return;
    }

  day = make_day (self);
  if (day == NULL && self->file_cancellable != NULL)
    return;
  if (day == NULL)
    {
      pb_sim_timeline_clear (self->timeline);
      return;
    }

  show_error (self, NULL, NULL);
  pb_sim_timeline_play (self->timeline, self->draft, day, self->compare ? self->saved : NULL);
}

/* The day file */

static void
load_day_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PbSimulationPanel *self = PB_SIMULATION_PANEL (object);
  g_autoptr(GError) error = NULL;
  PbDayScript *script;

  script = pb_ui_load_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->file_cancellable);
  self->file_script = script;
  self->file_error = g_steal_pointer (&error);
  request_run (self);
  update_busy (self);
}

static void
set_day_entry (PbSimulationPanel *self)
{
  if (self->day_dropdown == NULL)
    return;

  self->updating_dropdown++;
  if (self->day_file != NULL)
    {
      g_autofree char *name = g_file_get_basename (self->day_file);
      g_autofree char *display_name = g_filename_display_name (name);
      g_autofree char *shown = pb_ui_dup_display_text (display_name);
      const char * const entry[] = { shown, NULL };

      gtk_string_list_splice (self->days, DAY_ENTRY_FILE,
                              g_list_model_get_n_items (G_LIST_MODEL (self->days)) - DAY_ENTRY_FILE, entry);
    }

  gtk_drop_down_set_selected (self->day_dropdown, self->day == PB_SIMULATION_DAY_DEFAULT ? DAY_ENTRY_DEFAULT
                                                  : self->day == PB_SIMULATION_DAY_EVERY_STATUS ? DAY_ENTRY_EVERY_STATUS
                                                  : DAY_ENTRY_FILE);
  self->updating_dropdown--;
}

void
pb_simulation_panel_load_day_file (PbSimulationPanel *self,
                                   GFile             *file)
{
  g_return_if_fail (PB_IS_SIMULATION_PANEL (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->file_cancellable != NULL)
    g_cancellable_cancel (self->file_cancellable);
  g_clear_object (&self->file_cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->file_script);
  g_clear_error (&self->file_error);
  g_set_object (&self->day_file, file);
  self->file_cancellable = g_cancellable_new ();

  pb_ui_load_file_async (self, file, (PbUiLoadPathFunc)pb_day_script_load_path, _("Only local files can be played"),
                         self->file_cancellable, load_day_done, NULL);

  if (self->day != PB_SIMULATION_DAY_FILE)
    {
      self->day = PB_SIMULATION_DAY_FILE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
    }
  set_day_entry (self);
  request_run (self);
  update_busy (self);
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     PbSimulationPanel *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      pb_simulation_panel_load_day_file (self, file);
    }
  else
    {
      /* Back to the day shown before, if the file entry was picked
       * without a file. */
      set_day_entry (self);
    }

  g_clear_object (&self->chooser);
}

static void
choose_day_file (PbSimulationPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (filter, _("Day scripts (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");

  chooser = gtk_file_chooser_native_new (_("Play a Day from a File"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Play"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  /* Kept, so that a panel going away while it is open takes it along. */
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_set_object (&self->chooser, GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* The controls */

static void
day_selected_cb (PbSimulationPanel *self)
{
  guint selected = gtk_drop_down_get_selected (self->day_dropdown);

  if (self->updating_dropdown > 0)
    return;

  if (selected == DAY_ENTRY_DEFAULT)
    pb_simulation_panel_set_day (self, PB_SIMULATION_DAY_DEFAULT);
  else if (selected == DAY_ENTRY_EVERY_STATUS)
    pb_simulation_panel_set_day (self, PB_SIMULATION_DAY_EVERY_STATUS);
  else if (selected != GTK_INVALID_LIST_POSITION)
    pb_simulation_panel_set_day (self, PB_SIMULATION_DAY_FILE);
}

static void
compare_active_cb (PbSimulationPanel *self)
{
  pb_simulation_panel_set_compare (self, gtk_switch_get_active (self->compare_switch));
}

static void
update_compare_switch (PbSimulationPanel *self)
{
  if (self->compare_switch == NULL)
    return;

  gtk_switch_set_active (self->compare_switch, self->compare);
  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_switch), self->saved != NULL);
  pb_ui_set_tooltip (GTK_WIDGET (self->compare_switch),
                     self->saved != NULL
                     ? _("Play the same day through the newest saved revision too, and show what differs")
                     : _("No revision of this profile is saved yet"));
}

static void
row_setup_cb (PbSimulationPanel        *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (item, pb_sim_row_new ());
}

static void
row_bind_cb (PbSimulationPanel        *self,
             GtkListItem              *item,
             GtkSignalListItemFactory *factory)
{
  PbSimLine *line = gtk_list_item_get_item (item);

  /* A step is read, a flag is a way to the row that causes it. */
  gtk_list_item_set_activatable (item, pb_sim_line_get_kind (line) == PB_SIM_LINE_FLAG);
  pb_sim_row_bind (PB_SIM_ROW (gtk_list_item_get_child (item)), line);
}

static void
row_unbind_cb (PbSimulationPanel        *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  pb_sim_row_unbind (PB_SIM_ROW (gtk_list_item_get_child (item)));
}

static void
row_activate_cb (PbSimulationPanel *self,
                 guint              position,
                 GtkListView       *list_view)
{
  g_autoptr(PbSimLine) line = g_list_model_get_item (pb_sim_timeline_get_lines (self->timeline), position);

  if (line != NULL && pb_sim_line_get_kind (line) == PB_SIM_LINE_FLAG)
    g_signal_emit (self, signals[FLAG_ACTIVATED], 0, pb_sim_line_get_flag (line));
}

static GObject *
builder_object (GtkBuilder *builder,
                const char *name)
{
  GObject *object = gtk_builder_get_object (builder, name);

  g_assert (object != NULL);
  return object;
}

/* The contents, from pb-simulation-panel.ui, when the panel is first
 * shown: a window that never shows its Simulation page never pays for
 * it (not a template, which is built with the panel). */
static void
build_contents (PbSimulationPanel *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;
  const char * const days[] = { _("Default day"), _("Every status"), NULL };

  if (self->content != NULL)
    return;

  builder = gtk_builder_new_from_resource ("/io/github/presencebridge/PresenceBridge/pb-simulation-panel.ui");
  self->content = GTK_WIDGET (builder_object (builder, "content"));
  self->day_dropdown = GTK_DROP_DOWN (builder_object (builder, "day_dropdown"));
  self->open_button = GTK_BUTTON (builder_object (builder, "open_button"));
  self->compare_switch = GTK_SWITCH (builder_object (builder, "compare_switch"));
  self->count_label = GTK_LABEL (builder_object (builder, "count_label"));
  self->difference_label = GTK_LABEL (builder_object (builder, "difference_label"));
  self->error_box = GTK_WIDGET (builder_object (builder, "error_box"));
  self->error_label = GTK_LABEL (builder_object (builder, "error_label"));
  self->error_details_label = GTK_LABEL (builder_object (builder, "error_details_label"));
  self->columns_header = GTK_WIDGET (builder_object (builder, "columns_header"));
  self->list_view = GTK_LIST_VIEW (builder_object (builder, "list_view"));
  gtk_widget_set_parent (self->content, GTK_WIDGET (self));

  self->days = gtk_string_list_new (days);
  gtk_drop_down_set_model (self->day_dropdown, G_LIST_MODEL (self->days));
  /* What a screen reader says of the drop-down's button (GTK 4.8 names
   * it after nothing). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->day_dropdown))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Day"),
                                  -1);
  set_day_entry (self);
  update_compare_switch (self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (row_setup_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (row_bind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (row_unbind_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = gtk_no_selection_new (g_object_ref (pb_sim_timeline_get_lines (self->timeline)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  pb_ui_list_view_leave_on_tab (GTK_WIDGET (self->list_view));

  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (row_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->day_dropdown, "notify::selected", G_CALLBACK (day_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->open_button, "clicked", G_CALLBACK (choose_day_file), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_switch, "notify::active", G_CALLBACK (compare_active_cb),
                           self, G_CONNECT_SWAPPED);

  show_counts (self);
}

/* Public API */

void
pb_simulation_panel_set_configurations (PbSimulationPanel *self,
                                        PbConfiguration   *draft,
                                        PbConfiguration   *saved)
{
  g_return_if_fail (PB_IS_SIMULATION_PANEL (self));
  g_return_if_fail (draft == NULL || PB_IS_CONFIGURATION (draft));
  g_return_if_fail (saved == NULL || PB_IS_CONFIGURATION (saved));

  /* The draft is edited in place: the same object may hold a new
   * mapping, so every call is a change. */
  g_set_object (&self->draft, draft);
  g_set_object (&self->saved, saved);
  update_compare_switch (self);
  request_run (self);
}

void
pb_simulation_panel_set_day (PbSimulationPanel *self,
                             PbSimulationDay    day)
{
  g_return_if_fail (PB_IS_SIMULATION_PANEL (self));

  if (day == PB_SIMULATION_DAY_FILE && self->day_file == NULL)
    {
      choose_day_file (self);
      return;
    }

  if (self->day == day)
    return;

  self->day = day;
  set_day_entry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
  request_run (self);
}

PbSimulationDay
pb_simulation_panel_get_day (PbSimulationPanel *self)
{
  g_return_val_if_fail (PB_IS_SIMULATION_PANEL (self), PB_SIMULATION_DAY_DEFAULT);
  return self->day;
}

void
pb_simulation_panel_set_compare (PbSimulationPanel *self,
                                 gboolean           compare)
{
  g_return_if_fail (PB_IS_SIMULATION_PANEL (self));

  compare = !!compare;
  if (self->compare == compare)
    return;

  self->compare = compare;
  update_compare_switch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE]);
  request_run (self);
}

gboolean
pb_simulation_panel_get_compare (PbSimulationPanel *self)
{
  g_return_val_if_fail (PB_IS_SIMULATION_PANEL (self), FALSE);
  return self->compare;
}

GListModel *
pb_simulation_panel_get_lines (PbSimulationPanel *self)
{
  g_return_val_if_fail (PB_IS_SIMULATION_PANEL (self), NULL);
  return pb_sim_timeline_get_lines (self->timeline);
}

GListModel *
pb_simulation_panel_get_steps (PbSimulationPanel *self)
{
  g_return_val_if_fail (PB_IS_SIMULATION_PANEL (self), NULL);
  return pb_sim_timeline_get_steps (self->timeline);
}

const char *
pb_simulation_panel_get_error (PbSimulationPanel *self)
{
  g_return_val_if_fail (PB_IS_SIMULATION_PANEL (self), NULL);
  return self->error;
}

gboolean
pb_simulation_panel_get_busy (PbSimulationPanel *self)
{
  g_return_val_if_fail (PB_IS_SIMULATION_PANEL (self), FALSE);
  return pb_sim_timeline_get_busy (self->timeline) || self->file_cancellable != NULL;
}

gboolean
pb_simulation_panel_focus (PbSimulationPanel *self)
{
  g_return_val_if_fail (PB_IS_SIMULATION_PANEL (self), FALSE);

  build_contents (self);

  if (g_list_model_get_n_items (pb_sim_timeline_get_lines (self->timeline)) > 0)
    return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);

  self->focus_when_shown = TRUE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->day_dropdown));
}

/* GtkWidget */

static void
pb_simulation_panel_map (GtkWidget *widget)
{
  PbSimulationPanel *self = PB_SIMULATION_PANEL (widget);

  build_contents (self);

  GTK_WIDGET_CLASS (pb_simulation_panel_parent_class)->map (widget);

  if (self->stale)
    request_run (self);
}

/* GObject */

static void
pb_simulation_panel_dispose (GObject *object)
{
  PbSimulationPanel *self = (PbSimulationPanel *)object;

  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  if (self->file_cancellable != NULL)
    g_cancellable_cancel (self->file_cancellable);
  g_clear_object (&self->file_cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_pointer (&self->content, gtk_widget_unparent);
  self->day_dropdown = NULL;
  self->open_button = NULL;
  self->compare_switch = NULL;
  self->count_label = NULL;
  self->difference_label = NULL;
  self->error_box = NULL;
  self->error_label = NULL;
  self->error_details_label = NULL;
  self->columns_header = NULL;
  self->list_view = NULL;
  g_clear_object (&self->days);

  g_clear_object (&self->timeline);
  g_clear_object (&self->draft);
  g_clear_object (&self->saved);
  g_clear_object (&self->day_file);
  g_clear_object (&self->file_script);
  g_clear_error (&self->file_error);

  G_OBJECT_CLASS (pb_simulation_panel_parent_class)->dispose (object);
}

static void
pb_simulation_panel_finalize (GObject *object)
{
  PbSimulationPanel *self = (PbSimulationPanel *)object;

  g_free (self->error);

  G_OBJECT_CLASS (pb_simulation_panel_parent_class)->finalize (object);
}

static void
pb_simulation_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PbSimulationPanel *self = PB_SIMULATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_int (value, self->day);
      break;
    case PROP_COMPARE:
      g_value_set_boolean (value, self->compare);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, pb_simulation_panel_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_simulation_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PbSimulationPanel *self = PB_SIMULATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_DAY:
      pb_simulation_panel_set_day (self, g_value_get_int (value));
      break;
    case PROP_COMPARE:
      pb_simulation_panel_set_compare (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_simulation_panel_class_init (PbSimulationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_simulation_panel_dispose;
  object_class->finalize = pb_simulation_panel_finalize;
  object_class->get_property = pb_simulation_panel_get_property;
  object_class->set_property = pb_simulation_panel_set_property;
  widget_class->map = pb_simulation_panel_map;

  properties[PROP_DAY] =
    g_param_spec_int ("day", NULL, NULL, PB_SIMULATION_DAY_DEFAULT, PB_SIMULATION_DAY_FILE, PB_SIMULATION_DAY_DEFAULT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPARE] =
    g_param_spec_boolean ("compare", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbSimulationPanel::flag-activated:
   * @flag: the PbFinding clicked or chosen with Enter; its subject is the
   *   mapping row that causes it
   */
  signals[FLAG_ACTIVATED] =
    g_signal_new ("flag-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PB_TYPE_FINDING);

  /**
   * PbSimulationPanel::updated:
   *
   * The timeline shows the draft and the day as they are now, or why the
   * day cannot be played.
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pbsimulationpanel");
}

static void
pb_simulation_panel_init (PbSimulationPanel *self)
{
  self->timeline = pb_sim_timeline_new ();
  g_signal_connect_object (self->timeline, "updated", G_CALLBACK (timeline_updated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::busy", G_CALLBACK (update_busy), self, G_CONNECT_SWAPPED);
  self->stale = TRUE;
}

GtkWidget *
pb_simulation_panel_new (void)
{
  return g_object_new (PB_TYPE_SIMULATION_PANEL, NULL);
}
