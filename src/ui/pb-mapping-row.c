/* pb-mapping-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-columns-layout.h"
#include "pb-mapping-row.h"
#include "pb-ui-util.h"

struct _PbMappingRow
{
  GtkWidget parent_instance;

  GtkWidget       *name_cell;
  GtkTreeExpander *expander;
  GtkLabel        *name_label;
  GtkLabel        *badge_label;
  GtkLabel        *details_label;
  GtkWidget       *value_cell;
  PbChoiceButton  *chooser;
  GtkLabel        *fixed_label;   /* made when first needed (Logged out) */
  GtkImage        *stale_image;   /* made when first needed (a stale mapping) */

  /* A state's drop-down: its own first entry ("Not mapped", "Same as
   * Away (…)") followed by the shared choices. Only the one-entry list is
   * per row. */
  GtkStringList      *head;
  GListStore         *parts;
  GtkFlattenListModel *state_entries;

  PbSubject         subject;
  PbPresenceStatus *status;
  GtkTreeListRow   *tree_row;
  PbAgentState     *state;
  PbConfiguration  *configuration;
  PbChoices        *choices;

  /* Set while the row moves its own drop-down: only choices made by the
   * administrator become edits. */
  guint updating;
};

G_DEFINE_FINAL_TYPE (PbMappingRow, pb_mapping_row, GTK_TYPE_WIDGET)

enum {
  MAPPING_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
chooser_selected_cb (PbMappingRow *self)
{
  guint position;

  if (self->updating > 0 || self->choices == NULL)
    return;

  position = pb_choice_button_get_selected (self->chooser);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  if (self->subject == PB_SUBJECT_PRESENCE)
    g_signal_emit (self, signals[MAPPING_CHOSEN], 0, pb_presence_status_get_api_name (self->status),
                   TRUE, pb_choices_get_id (self->choices, position));
  else if (self->subject == PB_SUBJECT_STATE && position == 0)
    g_signal_emit (self, signals[MAPPING_CHOSEN], 0, pb_agent_state_get_id (self->state), FALSE, NULL);
  else if (self->subject == PB_SUBJECT_STATE)
    g_signal_emit (self, signals[MAPPING_CHOSEN], 0, pb_agent_state_get_id (self->state),
                   TRUE, pb_choices_get_id (self->choices, position - 1));
}

/* The focus of a row is its drop-down; a row without one (Logged out)
 * leaves it to the list item, which can take it. */
static gboolean
pb_mapping_row_grab_focus (GtkWidget *widget)
{
  PbMappingRow *self = PB_MAPPING_ROW (widget);

  return gtk_widget_get_visible (GTK_WIDGET (self->chooser)) &&
         gtk_widget_grab_focus (GTK_WIDGET (self->chooser));
}

static gboolean
pb_mapping_row_focus (GtkWidget        *widget,
                      GtkDirectionType  direction)
{
  PbMappingRow *self = PB_MAPPING_ROW (widget);

  /* Moving on from the drop-down leaves the row. */
  if (gtk_widget_has_focus (GTK_WIDGET (self->chooser)))
    return FALSE;

  return pb_mapping_row_grab_focus (widget);
}

static void
pb_mapping_row_dispose (GObject *object)
{
  PbMappingRow *self = (PbMappingRow *)object;

  pb_mapping_row_unbind (self);
  g_clear_object (&self->choices);
  g_clear_pointer (&self->name_cell, gtk_widget_unparent);
  g_clear_pointer (&self->value_cell, gtk_widget_unparent);
  g_clear_object (&self->state_entries);
  g_clear_object (&self->parts);
  g_clear_object (&self->head);

  G_OBJECT_CLASS (pb_mapping_row_parent_class)->dispose (object);
}

static void
pb_mapping_row_class_init (PbMappingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_mapping_row_dispose;
  widget_class->grab_focus = pb_mapping_row_grab_focus;
  widget_class->focus = pb_mapping_row_focus;

  /**
   * PbMappingRow::mapping-chosen:
   * @subject_id: the API name or state id of the row
   * @has_entry: %FALSE for a state's first entry (no mapping of its own)
   * @target: (nullable): the state or presence picked; %NULL is the
   *   default (Ready) for a status, offline for a state
   */
  signals[MAPPING_CHOSEN] =
    g_signal_new ("mapping-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, PB_TYPE_COLUMNS_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pbmappingrow");
}

/* Built in code, not from a template: a list builds up to 200 rows at
 * once, and GtkBuilder spends most of the time a templated row takes. */
static void
pb_mapping_row_init (PbMappingRow *self)
{
  const char * const head[] = { "", NULL };
  GtkGrid *name_cell;

  gtk_widget_add_css_class (GTK_WIDGET (self), "mapping-row");

  /* What is mapped: its name and a badge; for a status, its API name and
   * channels under them. */
  self->name_cell = gtk_grid_new ();
  name_cell = GTK_GRID (self->name_cell);
  gtk_widget_set_valign (self->name_cell, GTK_ALIGN_CENTER);
  gtk_grid_set_column_spacing (name_cell, 6);
  gtk_grid_set_row_spacing (name_cell, 2);
  gtk_widget_set_parent (self->name_cell, GTK_WIDGET (self));

  self->name_label = GTK_LABEL (pb_ui_cell_label_new (4, 40));
  self->expander = GTK_TREE_EXPANDER (gtk_tree_expander_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->expander), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->expander), FALSE);
  gtk_tree_expander_set_child (self->expander, GTK_WIDGET (self->name_label));
  gtk_grid_attach (name_cell, GTK_WIDGET (self->expander), 0, 0, 1, 1);

  self->badge_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->badge_label), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), "badge");
  gtk_grid_attach (name_cell, GTK_WIDGET (self->badge_label), 1, 0, 1, 1);

  self->details_label = GTK_LABEL (pb_ui_cell_label_new (4, 40));
  gtk_widget_add_css_class (GTK_WIDGET (self->details_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->details_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), FALSE);
  gtk_grid_attach (name_cell, GTK_WIDGET (self->details_label), 0, 1, 2, 1);

  /* What it is mapped to. */
  self->value_cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (self->value_cell, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->value_cell, GTK_WIDGET (self));

  self->chooser = PB_CHOICE_BUTTON (pb_choice_button_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "notify::selected", G_CALLBACK (chooser_selected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->value_cell), GTK_WIDGET (self->chooser));

  self->head = gtk_string_list_new (head);
  self->parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (self->parts, self->head);
  self->state_entries = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->parts)));
}

/* Logged out's fixed "Offline", instead of a drop-down. */
static void
show_fixed (PbMappingRow *self,
            gboolean      fixed)
{
  if (fixed && self->fixed_label == NULL)
    {
      self->fixed_label = GTK_LABEL (gtk_label_new (_("Offline")));
      gtk_label_set_xalign (self->fixed_label, 0.0f);
      gtk_widget_set_hexpand (GTK_WIDGET (self->fixed_label), TRUE);
      gtk_widget_set_margin_start (GTK_WIDGET (self->fixed_label), 12);
      gtk_widget_set_sensitive (GTK_WIDGET (self->fixed_label), FALSE);
      pb_ui_set_tooltip (GTK_WIDGET (self->fixed_label),
                         _("Logging out of ContactPad always puts the agent offline in Omni-Channel"));
      gtk_box_insert_child_after (GTK_BOX (self->value_cell), GTK_WIDGET (self->fixed_label),
                                  GTK_WIDGET (self->chooser));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->chooser), !fixed);
  if (self->fixed_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->fixed_label), fixed);
}

GtkWidget *
pb_mapping_row_new (void)
{
  return g_object_new (PB_TYPE_MAPPING_ROW, NULL);
}

/* Values */

char *
pb_mapping_dup_status_value (PbConfiguration  *configuration,
                             PbChoices        *choices,
                             PbPresenceStatus *status)
{
  const char *state_id = pb_configuration_get_presence_mapping (configuration,
                                                                pb_presence_status_get_api_name (status));
  const char *label = pb_choices_get_label (choices, state_id);

  return g_strdup (label != NULL ? label : state_id);
}

static char *
dup_presence_label (PbConfiguration *configuration,
                    PbChoices       *choices,
                    const char      *api_name)
{
  const char *label = pb_choices_get_label (choices, api_name);

  return g_strdup (label != NULL ? label : api_name);
}

/* A state's first entry: "Not mapped" for a major; for a minor, what it
 * gets from its major right now. */
static char *
dup_head_label (PbConfiguration *configuration,
                PbChoices       *choices,
                PbAgentState    *state)
{
  const char *major_id = pb_agent_state_get_major_id (state);
  PbAgentState *major;
  const char *presence = NULL;
  g_autofree char *major_name = NULL;
  g_autofree char *presence_label = NULL;
  g_autofree char *label = NULL;

  if (major_id == NULL)
    return g_strdup (_("Not mapped"));

  major = pb_configuration_lookup_state (configuration, major_id);
  major_name = pb_ui_dup_display_text (major ? pb_agent_state_get_name (major) : major_id);

  if (pb_configuration_get_state_kind (configuration, major_id) == PB_STATE_KIND_LOGGED_OUT)
    presence_label = g_strdup (_("Offline"));
  else if (pb_configuration_get_state_mapping (configuration, major_id, &presence))
    presence_label = dup_presence_label (configuration, choices, presence);
  else
    /* Translators: what a minor state gets while its major state has no presence. */
    presence_label = g_strdup (_("not mapped"));

  /* Translators: the first entry of a minor state's drop-down: "Same as Away (Away from desk)". */
  label = g_strdup_printf (_("Same as %s (%s)"), major_name, presence_label);
  return pb_ui_dup_display_text (label);
}

char *
pb_mapping_dup_state_value (PbConfiguration *configuration,
                            PbChoices       *choices,
                            PbAgentState    *state)
{
  const char *state_id = pb_agent_state_get_id (state);
  const char *presence = NULL;

  if (pb_configuration_get_state_kind (configuration, state_id) == PB_STATE_KIND_LOGGED_OUT)
    return g_strdup (_("Offline"));

  if (!pb_configuration_get_state_mapping (configuration, state_id, &presence))
    return dup_head_label (configuration, choices, state);

  return dup_presence_label (configuration, choices, presence);
}

/* Binding */

static void
set_choices (PbMappingRow *self,
             PbChoices    *choices)
{
  self->updating++;
  if (self->subject == PB_SUBJECT_STATE)
    {
      if (self->choices != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->parts)) > 1)
        g_list_store_remove (self->parts, 1);
      g_set_object (&self->choices, choices);
      if (choices != NULL)
        g_list_store_append (self->parts, choices);
      pb_choice_button_set_model (self->chooser, G_LIST_MODEL (self->state_entries));
    }
  else
    {
      g_set_object (&self->choices, choices);
      pb_choice_button_set_model (self->chooser, G_LIST_MODEL (choices));
    }
  self->updating--;
}

void
pb_mapping_row_set_choices (PbMappingRow *self,
                            PbChoices    *choices)
{
  g_return_if_fail (PB_IS_MAPPING_ROW (self));

  if (self->choices == choices)
    return;

  set_choices (self, choices);
  pb_mapping_row_update (self);
}

static void
set_name (PbMappingRow *self,
          const char   *name,
          const char   *tooltip)
{
  g_autofree char *shown = pb_ui_dup_display_text (name);

  gtk_label_set_label (self->name_label, shown);
  pb_ui_set_tooltip (GTK_WIDGET (self->name_label), tooltip);
  /* The whole name for a screen reader, however long. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, shown,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, g_strcmp0 (shown, name) != 0 ? name : "",
                                  -1);
}

/* Rows are recycled: the drop-down's name must say what is bound now. */
static void
set_chooser_label (PbMappingRow *self,
                   const char   *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chooser),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

void
pb_mapping_row_bind_status (PbMappingRow     *self,
                            PbPresenceStatus *status,
                            PbConfiguration  *configuration,
                            PbChoices        *choices)
{
  const char * const *channels;
  g_autofree char *details = NULL;
  gboolean online;

  g_return_if_fail (PB_IS_MAPPING_ROW (self));
  g_return_if_fail (PB_IS_PRESENCE_STATUS (status));
  g_return_if_fail (PB_IS_CONFIGURATION (configuration));

  self->subject = PB_SUBJECT_PRESENCE;
  g_set_object (&self->status, status);
  g_set_object (&self->configuration, configuration);

  set_name (self, pb_presence_status_get_label (status), pb_presence_status_get_label (status));

  online = pb_presence_status_is_online (status);
  gtk_label_set_label (self->badge_label, online ? _("Online") : _("Busy"));
  pb_ui_set_tooltip (GTK_WIDGET (self->badge_label),
                     online
                     ? _("Linked to service channels: Omni-Channel routes their work to the agent")
                     : _("No service channel: Omni-Channel routes no work to the agent"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->badge_label), online ? "busy" : "online");
  gtk_widget_remove_css_class (GTK_WIDGET (self->badge_label), "required");
  gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), online ? "online" : "busy");
  gtk_widget_set_visible (GTK_WIDGET (self->badge_label), TRUE);

  channels = pb_presence_status_get_channels (status);
  if (channels != NULL && channels[0] != NULL)
    {
      g_autofree char *channel_list = g_strjoinv (", ", (char **)channels);

      /* Translators: a presence status's API name, then its service channels. */
      details = g_strdup_printf (_("%s · %s"), pb_presence_status_get_api_name (status), channel_list);
    }
  else
    {
      details = g_strdup (pb_presence_status_get_api_name (status));
    }
  {
    g_autofree char *shown = pb_ui_dup_display_text (details);

    gtk_label_set_label (self->details_label, shown);
    pb_ui_set_tooltip (GTK_WIDGET (self->details_label), details);
    gtk_widget_set_visible (GTK_WIDGET (self->details_label), TRUE);
  }

  gtk_tree_expander_set_list_row (self->expander, NULL);
  {
    g_autofree char *shown = pb_ui_dup_display_text (pb_presence_status_get_label (status));
    g_autofree char *label = g_strdup_printf (_("Agent state for “%s”"), shown);

    set_chooser_label (self, label);
  }

  if (self->choices != choices)
    set_choices (self, choices);
  pb_mapping_row_update (self);
}

void
pb_mapping_row_bind_state (PbMappingRow    *self,
                           GtkTreeListRow  *row,
                           PbConfiguration *configuration,
                           PbChoices       *choices)
{
  g_autofree char *display_name = NULL;
  g_autofree char *tooltip = NULL;

  g_return_if_fail (PB_IS_MAPPING_ROW (self));
  g_return_if_fail (GTK_IS_TREE_LIST_ROW (row));
  g_return_if_fail (PB_IS_CONFIGURATION (configuration));

  self->subject = PB_SUBJECT_STATE;
  g_set_object (&self->tree_row, row);
  g_clear_object (&self->state);
  self->state = gtk_tree_list_row_get_item (row);
  g_set_object (&self->configuration, configuration);

  gtk_tree_expander_set_list_row (self->expander, row);
  /* Translators: a state's tooltip: its name, then its id ("Break (away.break)"). */
  tooltip = g_strdup_printf (_("%s (%s)"), pb_agent_state_get_name (self->state), pb_agent_state_get_id (self->state));
  set_name (self, pb_agent_state_get_name (self->state), tooltip);

  gtk_label_set_label (self->badge_label, _("Required"));
  pb_ui_set_tooltip (GTK_WIDGET (self->badge_label),
                     _("Every major state needs a presence before the configuration can be saved"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->badge_label), "online");
  gtk_widget_remove_css_class (GTK_WIDGET (self->badge_label), "busy");
  gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), "required");
  gtk_widget_set_visible (GTK_WIDGET (self->details_label), FALSE);

  display_name = pb_configuration_dup_state_display_name (configuration, pb_agent_state_get_id (self->state));
  {
    g_autofree char *shown = pb_ui_dup_display_text (display_name);
    g_autofree char *label = g_strdup_printf (_("Presence for “%s”"), shown);

    set_chooser_label (self, label);
  }

  if (self->choices != choices || pb_choice_button_get_model (self->chooser) != G_LIST_MODEL (self->state_entries))
    set_choices (self, choices);
  pb_mapping_row_update (self);
}

void
pb_mapping_row_unbind (PbMappingRow *self)
{
  g_return_if_fail (PB_IS_MAPPING_ROW (self));

  if (self->expander != NULL)
    gtk_tree_expander_set_list_row (self->expander, NULL);
  g_clear_object (&self->status);
  g_clear_object (&self->tree_row);
  g_clear_object (&self->state);
  g_clear_object (&self->configuration);
}

/* A mapping to an id no longer in the lists (@stale_id; NULL: no such
 * mapping): the drop-down names it, marked missing, and an icon says
 * what it is (@message). */
static void
show_stale (PbMappingRow *self,
            const char   *stale_id,
            const char   *message)
{
  g_autofree char *placeholder = NULL;

  if (stale_id != NULL)
    {
      g_autofree char *shown = pb_ui_dup_display_text (stale_id);

      /* Translators: a mapping's value that the lists no longer have: an agent state's id or a presence
       * status's API name, e.g. "away.break (missing)" */
      placeholder = g_strdup_printf (_("%s (missing)"), shown);
    }
  pb_choice_button_set_placeholder (self->chooser, placeholder);

  if (message != NULL && self->stale_image == NULL)
    {
      self->stale_image = GTK_IMAGE (gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_widget_add_css_class (GTK_WIDGET (self->stale_image), "warning");
      gtk_box_append (GTK_BOX (self->value_cell), GTK_WIDGET (self->stale_image));
    }

  if (self->stale_image == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->stale_image), message != NULL);
  if (message != NULL)
    {
      pb_ui_set_tooltip (GTK_WIDGET (self->stale_image), message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->stale_image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, message,
                                      -1);
    }
}

static void
update_status (PbMappingRow *self)
{
  const char *state_id = pb_configuration_get_presence_mapping (self->configuration,
                                                                pb_presence_status_get_api_name (self->status));
  guint position = pb_choices_find (self->choices, state_id);

  show_fixed (self, FALSE);

  self->updating++;
  pb_choice_button_set_selected (self->chooser, position);
  self->updating--;

  if (position == GTK_INVALID_LIST_POSITION)
    {
      g_autofree char *shown = pb_ui_dup_display_text (state_id);
      g_autofree char *message = g_strdup_printf (_("Mapped to “%s”, which is not an agent state of this account"),
                                                  shown);

      show_stale (self, state_id, message);
    }
  else
    {
      show_stale (self, NULL, NULL);
    }
}

static void
update_state (PbMappingRow *self)
{
  const char *state_id = pb_agent_state_get_id (self->state);
  gboolean is_major = pb_agent_state_is_major (self->state);
  gboolean fixed = pb_configuration_get_state_kind (self->configuration, state_id) == PB_STATE_KIND_LOGGED_OUT;
  const char *presence = NULL;
  g_autofree char *head_label = NULL;
  gboolean has_entry;
  guint position;

  show_fixed (self, fixed);
  gtk_widget_set_visible (GTK_WIDGET (self->badge_label), is_major && !fixed);

  if (fixed)
    {
      show_stale (self, NULL, NULL);
      return;
    }

  has_entry = pb_configuration_get_state_mapping (self->configuration, state_id, &presence);
  if (is_major && !has_entry)
    gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), "missing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->badge_label), "missing");

  self->updating++;
  head_label = dup_head_label (self->configuration, self->choices, self->state);
  if (g_strcmp0 (head_label, gtk_string_list_get_string (self->head, 0)) != 0)
    {
      const char * const replacement[] = { head_label, NULL };

      gtk_string_list_splice (self->head, 0, 1, replacement);
    }

  position = 0;
  if (has_entry)
    {
      position = pb_choices_find (self->choices, presence);
      if (position != GTK_INVALID_LIST_POSITION)
        position += 1;
    }
  pb_choice_button_set_selected (self->chooser, position);
  self->updating--;

  if (position == GTK_INVALID_LIST_POSITION)
    {
      g_autofree char *shown = pb_ui_dup_display_text (presence);
      g_autofree char *message = g_strdup_printf (_("Mapped to “%s”, which is not a presence status of this org"),
                                                  shown);

      show_stale (self, presence, message);
    }
  else
    {
      show_stale (self, NULL, NULL);
    }
}

void
pb_mapping_row_update (PbMappingRow *self)
{
  g_return_if_fail (PB_IS_MAPPING_ROW (self));

  if (self->configuration == NULL || self->choices == NULL)
    return;

  if (self->subject == PB_SUBJECT_PRESENCE && self->status != NULL)
    update_status (self);
  else if (self->subject == PB_SUBJECT_STATE && self->state != NULL)
    update_state (self);
}

PbSubject
pb_mapping_row_get_subject (PbMappingRow *self)
{
  g_return_val_if_fail (PB_IS_MAPPING_ROW (self), PB_SUBJECT_NONE);

  if (self->status == NULL && self->state == NULL)
    return PB_SUBJECT_NONE;

  return self->subject;
}

const char *
pb_mapping_row_get_subject_id (PbMappingRow *self)
{
  g_return_val_if_fail (PB_IS_MAPPING_ROW (self), NULL);

  if (self->subject == PB_SUBJECT_PRESENCE && self->status != NULL)
    return pb_presence_status_get_api_name (self->status);
  if (self->subject == PB_SUBJECT_STATE && self->state != NULL)
    return pb_agent_state_get_id (self->state);

  return NULL;
}

PbChoiceButton *
pb_mapping_row_get_chooser (PbMappingRow *self)
{
  g_return_val_if_fail (PB_IS_MAPPING_ROW (self), NULL);
  return self->chooser;
}

gboolean
pb_mapping_row_set_expanded (PbMappingRow *self,
                             gboolean      expanded)
{
  g_return_val_if_fail (PB_IS_MAPPING_ROW (self), FALSE);

  if (self->tree_row == NULL || !gtk_tree_list_row_is_expandable (self->tree_row) ||
      gtk_tree_list_row_get_expanded (self->tree_row) == expanded)
    return FALSE;

  gtk_tree_list_row_set_expanded (self->tree_row, expanded);
  return TRUE;
}
