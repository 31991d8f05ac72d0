/* pb-state-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-state-row.h"

struct _PbStateRow
{
  GtkWidget parent_instance;

  GtkTreeExpander *expander;
  GtkLabel        *name_label;
  GtkLabel        *required_label;
  PbChoiceButton  *dropdown;
  GtkLabel        *fixed_label;
  GtkImage        *stale_image;

  /* The drop-down's model: this row's own first entry followed by the
   * shared choices. Only the one-entry list is per row. */
  GtkStringList *head;
  GListStore    *parts;

  GtkTreeListRow  *row;
  PbAgentState    *state;
  PbConfiguration *configuration;
  PbChoices       *choices;

  guint updating;
};

G_DEFINE_FINAL_TYPE (PbStateRow, pb_state_row, GTK_TYPE_WIDGET)

enum {
  PRESENCE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
dropdown_selected_cb (PbStateRow *self)
{
  guint position;

  if (self->updating > 0 || self->state == NULL || self->choices == NULL)
    return;

  position = pb_choice_button_get_selected (self->dropdown);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  if (position == 0)
    g_signal_emit (self, signals[PRESENCE_CHOSEN], 0,
                   pb_agent_state_get_id (self->state), FALSE, NULL);
  else
    g_signal_emit (self, signals[PRESENCE_CHOSEN], 0,
                   pb_agent_state_get_id (self->state), TRUE,
                   pb_choices_get_id (self->choices, position - 1));
}

/* Expanding and collapsing from the keyboard wherever the focus is in the
 * row (the tree expander only listens when it has the focus itself). */
static gboolean
set_expanded (PbStateRow *self,
              gboolean    expanded)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* Keys typed in the drop-down's popup are not for the row. */
  if (focus != NULL && gtk_widget_get_native (focus) != gtk_widget_get_native (GTK_WIDGET (self)))
    return FALSE;

  if (self->row == NULL || !gtk_tree_list_row_is_expandable (self->row) ||
      gtk_tree_list_row_get_expanded (self->row) == expanded)
    return FALSE;

  gtk_tree_list_row_set_expanded (self->row, expanded);
  return TRUE;
}

static gboolean
expand_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  return set_expanded (PB_STATE_ROW (widget), TRUE);
}

static gboolean
collapse_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  return set_expanded (PB_STATE_ROW (widget), FALSE);
}

static void
pb_state_row_dispose (GObject *object)
{
  PbStateRow *self = (PbStateRow *)object;
  GtkWidget *child;

  pb_state_row_unbind (self);
  g_clear_object (&self->choices);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_STATE_ROW);
  /* Children of the template without an id are not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->parts);
  g_clear_object (&self->head);

  G_OBJECT_CLASS (pb_state_row_parent_class)->dispose (object);
}

static void
pb_state_row_class_init (PbStateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const guint expand_keys[] = { GDK_KEY_plus, GDK_KEY_KP_Add, GDK_KEY_Right };
  const guint collapse_keys[] = { GDK_KEY_minus, GDK_KEY_KP_Subtract, GDK_KEY_Left };

  object_class->dispose = pb_state_row_dispose;

  /**
   * PbStateRow::presence-chosen:
   * @state_id: the agent state of the row
   * @has_entry: %FALSE for the row's first entry (no mapping of its own)
   * @presence: (nullable): the presence picked, %NULL for offline
   */
  signals[PRESENCE_CHOSEN] =
    g_signal_new ("presence-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_STRING);

  for (guint i = 0; i < G_N_ELEMENTS (expand_keys); i++)
    gtk_widget_class_add_binding (widget_class, expand_keys[i], 0, expand_cb, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (collapse_keys); i++)
    gtk_widget_class_add_binding (widget_class, collapse_keys[i], 0, collapse_cb, NULL);

  g_type_ensure (PB_TYPE_CHOICE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/presencebridge/PresenceBridge/pb-state-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PbStateRow, expander);
  gtk_widget_class_bind_template_child (widget_class, PbStateRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PbStateRow, required_label);
  gtk_widget_class_bind_template_child (widget_class, PbStateRow, dropdown);
  gtk_widget_class_bind_template_child (widget_class, PbStateRow, fixed_label);
  gtk_widget_class_bind_template_child (widget_class, PbStateRow, stale_image);
  gtk_widget_class_bind_template_callback (widget_class, dropdown_selected_cb);
}

static void
pb_state_row_init (PbStateRow *self)
{
  const char * const head[] = { "", NULL };
  g_autoptr(GtkFlattenListModel) flat = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->head = gtk_string_list_new (head);
  self->parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (self->parts, self->head);
  flat = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->parts)));

  self->updating++;
  pb_choice_button_set_model (self->dropdown, G_LIST_MODEL (flat));
  self->updating--;
}

GtkWidget *
pb_state_row_new (void)
{
  return g_object_new (PB_TYPE_STATE_ROW, NULL);
}

void
pb_state_row_set_choices (PbStateRow *self,
                          PbChoices  *choices)
{
  g_return_if_fail (PB_IS_STATE_ROW (self));

  if (self->choices == choices)
    return;

  self->updating++;
  if (self->choices != NULL)
    g_list_store_remove (self->parts, 1);
  g_set_object (&self->choices, choices);
  if (choices != NULL)
    g_list_store_append (self->parts, choices);
  self->updating--;

  pb_state_row_update (self);
}

void
pb_state_row_bind (PbStateRow      *self,
                   GtkTreeListRow  *row,
                   PbConfiguration *configuration,
                   PbChoices       *choices)
{
  g_autofree char *display_name = NULL;
  g_autofree char *accessible_label = NULL;

  g_return_if_fail (PB_IS_STATE_ROW (self));
  g_return_if_fail (GTK_IS_TREE_LIST_ROW (row));
  g_return_if_fail (PB_IS_CONFIGURATION (configuration));

  g_set_object (&self->row, row);
  g_clear_object (&self->state);
  self->state = gtk_tree_list_row_get_item (row);
  g_set_object (&self->configuration, configuration);

  gtk_tree_expander_set_list_row (self->expander, row);
  gtk_label_set_label (self->name_label, pb_agent_state_get_name (self->state));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), pb_agent_state_get_id (self->state));

  display_name = pb_configuration_dup_state_display_name (configuration, pb_agent_state_get_id (self->state));
  accessible_label = g_strdup_printf (_("Presence for “%s”"), display_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  if (self->choices != choices)
    pb_state_row_set_choices (self, choices);
  else
    pb_state_row_update (self);
}

void
pb_state_row_unbind (PbStateRow *self)
{
  g_return_if_fail (PB_IS_STATE_ROW (self));

  if (self->expander != NULL)
    gtk_tree_expander_set_list_row (self->expander, NULL);
  g_clear_object (&self->row);
  g_clear_object (&self->state);
  g_clear_object (&self->configuration);
}

static char *
dup_presence_label (PbStateRow *self,
                    const char *api_name)
{
  if (api_name == NULL)
    return g_strdup (_("Offline"));

  return g_strdup (pb_configuration_get_presence_label (self->configuration, api_name));
}

/* "Not mapped" for a major; for a minor, what it inherits right now. */
static char *
dup_head_label (PbStateRow *self)
{
  const char *major_id = pb_agent_state_get_major_id (self->state);
  PbAgentState *major;
  const char *major_name;
  const char *presence = NULL;
  g_autofree char *presence_label = NULL;

  if (major_id == NULL)
    return g_strdup (_("Not mapped"));

  major = pb_configuration_lookup_state (self->configuration, major_id);
  major_name = major ? pb_agent_state_get_name (major) : major_id;

  if (pb_configuration_get_state_kind (self->configuration, major_id) == PB_STATE_KIND_LOGGED_OUT)
    presence_label = g_strdup (_("Offline"));
  else if (pb_configuration_get_state_mapping (self->configuration, major_id, &presence))
    presence_label = dup_presence_label (self, presence);
  else
    /* Translators: what a minor state gets while its major state has no presence. */
    presence_label = g_strdup (_("not mapped"));

  /* Translators: the first entry of a minor state's drop-down: "Same as Away (Away from desk)". */
  return g_strdup_printf (_("Same as %s (%s)"), major_name, presence_label);
}

void
pb_state_row_update (PbStateRow *self)
{
  const char *state_id;
  const char *presence = NULL;
  gboolean fixed;
  gboolean is_major;
  gboolean has_entry;
  guint position;

  g_return_if_fail (PB_IS_STATE_ROW (self));

  if (self->state == NULL || self->choices == NULL)
    return;

  state_id = pb_agent_state_get_id (self->state);
  is_major = pb_agent_state_is_major (self->state);
  fixed = pb_configuration_get_state_kind (self->configuration, state_id) == PB_STATE_KIND_LOGGED_OUT;

  gtk_widget_set_visible (GTK_WIDGET (self->dropdown), !fixed);
  gtk_widget_set_visible (GTK_WIDGET (self->fixed_label), fixed);
  gtk_widget_set_visible (GTK_WIDGET (self->required_label), is_major && !fixed);

  if (fixed)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->stale_image), FALSE);
      return;
    }

  has_entry = pb_configuration_get_state_mapping (self->configuration, state_id, &presence);
  if (is_major && !has_entry)
    gtk_widget_add_css_class (GTK_WIDGET (self->required_label), "missing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->required_label), "missing");

  self->updating++;
  {
    g_autofree char *head_label = dup_head_label (self);

    if (g_strcmp0 (head_label, gtk_string_list_get_string (self->head, 0)) != 0)
      {
        const char * const replacement[] = { head_label, NULL };

        gtk_string_list_splice (self->head, 0, 1, replacement);
      }
  }

  if (!has_entry)
    {
      position = 0;
    }
  else
    {
      position = pb_choices_find (self->choices, presence);
      if (position != GTK_INVALID_LIST_POSITION)
        position += 1;
    }
  pb_choice_button_set_selected (self->dropdown, position);
  self->updating--;

  /* The button ellipsizes long names; the tooltip has them whole. */
  {
    g_autoptr(GtkStringObject) selected = pb_choice_button_get_selected_item (self->dropdown);

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->dropdown),
                                 selected ? gtk_string_object_get_string (selected) : NULL);
  }

  gtk_widget_set_visible (GTK_WIDGET (self->stale_image), position == GTK_INVALID_LIST_POSITION);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      g_autofree char *message =
        g_strdup_printf (_("Mapped to “%s”, which is not a presence status of this org"), presence);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->stale_image), message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->stale_image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, message,
                                      -1);
    }
}

PbAgentState *
pb_state_row_get_state (PbStateRow *self)
{
  g_return_val_if_fail (PB_IS_STATE_ROW (self), NULL);
  return self->state;
}

PbChoiceButton *
pb_state_row_get_chooser (PbStateRow *self)
{
  g_return_val_if_fail (PB_IS_STATE_ROW (self), NULL);
  return self->dropdown;
}

void
pb_state_row_focus_editor (PbStateRow *self)
{
  g_return_if_fail (PB_IS_STATE_ROW (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->dropdown)))
    gtk_widget_grab_focus (GTK_WIDGET (self->dropdown));
  else if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    /* Nothing to edit (Logged out): focus the list item, which can be. */
    gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (self)));
}
