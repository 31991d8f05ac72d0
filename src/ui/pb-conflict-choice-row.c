/* pb-conflict-choice-row.c: one row of a conflict, mine or the platform's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-conflict-choice-row.h"
#include "pb-ui-util.h"

struct _PbConflictChoiceRow
{
  GtkListBoxRow parent_instance;

  PbConflictRow *row;
  GtkToggleButton *local_button;
  GtkToggleButton *remote_button;
};

G_DEFINE_FINAL_TYPE (PbConflictChoiceRow, pb_conflict_choice_row, GTK_TYPE_LIST_BOX_ROW)

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  g_autofree char *display = pb_ui_dup_display_text (text);
  GtkWidget *label = gtk_label_new (display);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A toggle showing whose version it is and what it says: "Mine" over
 * "Away › Break", with a check mark when it is the one chosen (not
 * colour alone). */
static GtkToggleButton *
new_choice_button (const char *whose,
                   const char *value)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *whose_label = new_label (whose, "caption-heading");
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  g_autofree char *display = pb_ui_dup_display_text (value);
  g_autofree char *accessible = NULL;

  gtk_widget_set_hexpand (whose_label, TRUE);
  gtk_box_append (GTK_BOX (top), whose_label);
  gtk_widget_add_css_class (check, "conflict-check");
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (top), check);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), new_label (value, NULL));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_add_css_class (button, "conflict-choice");

  /* Translators: "Mine: Away › Break", read by a screen reader */
  accessible = g_strdup_printf (C_("conflict choice", "%s: %s"), whose, display);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return GTK_TOGGLE_BUTTON (button);
}

/* What the row's entry is, in the grids' words: the two directions read
 * alike otherwise ("On a call", "Wrap up"). */
static const char *
kind_caption (PbConflictRowKind kind)
{
  switch (kind)
    {
    case PB_CONFLICT_ROW_PRESENCE:
      return _("Presence status: the agent state it sets");
    case PB_CONFLICT_ROW_STATE:
      return _("Agent state: the presence status it shows");
    case PB_CONFLICT_ROW_REVERT:
    default:
      return _("Account switch");
    }
}

static void
sync_buttons (PbConflictChoiceRow *self)
{
  gboolean remote = pb_conflict_row_get_choice (self->row) == PB_CONFLICT_SIDE_REMOTE;

  gtk_toggle_button_set_active (remote ? self->remote_button : self->local_button, TRUE);
}

static void
button_toggled_cb (PbConflictChoiceRow *self,
                   GtkToggleButton     *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  pb_conflict_row_set_choice (self->row,
                              button == self->remote_button ? PB_CONFLICT_SIDE_REMOTE : PB_CONFLICT_SIDE_LOCAL);
}

static void
pb_conflict_choice_row_dispose (GObject *object)
{
  PbConflictChoiceRow *self = (PbConflictChoiceRow *)object;

  g_clear_object (&self->row);

  G_OBJECT_CLASS (pb_conflict_choice_row_parent_class)->dispose (object);
}

static void
pb_conflict_choice_row_class_init (PbConflictChoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_conflict_choice_row_dispose;
}

static void
pb_conflict_choice_row_init (PbConflictChoiceRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

GtkWidget *
pb_conflict_choice_row_new (PbConflictRow *row)
{
  PbConflictChoiceRow *self;
  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *choices;
  const char *base_value;

  g_return_val_if_fail (PB_IS_CONFLICT_ROW (row), NULL);

  self = g_object_new (PB_TYPE_CONFLICT_CHOICE_ROW, NULL);
  self->row = g_object_ref (row);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (heading), new_label (pb_conflict_row_get_label (row), "heading"));
  if (pb_conflict_row_get_changes (row) == PB_CONFLICT_CHANGED_BOTH &&
      pb_conflict_row_get_base_value (row) != NULL)
    {
      GtkWidget *both = new_label (_("Changed on both sides"), "warning");

      gtk_widget_set_hexpand (both, TRUE);
      gtk_label_set_xalign (GTK_LABEL (both), 1);
      gtk_box_append (GTK_BOX (heading), both);
    }
  gtk_box_append (GTK_BOX (box), heading);

  base_value = pb_conflict_row_get_base_value (row);
  if (base_value != NULL)
    {
      g_autofree char *caption = NULL;

      /* Translators: what the row is, then what it had when the draft was last based on the
       * platform's configuration: "Agent state: the presence status it shows · was: Taking notes" */
      caption = g_strdup_printf (_("%s · was: %s"), kind_caption (pb_conflict_row_get_kind (row)), base_value);
      gtk_box_append (GTK_BOX (box), new_label (caption, "dim-label"));
    }
  else
    {
      gtk_box_append (GTK_BOX (box), new_label (kind_caption (pb_conflict_row_get_kind (row)), "dim-label"));
    }

  choices = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (choices), TRUE);
  self->local_button = new_choice_button (C_("conflict choice", "Mine"), pb_conflict_row_get_local_value (row));
  self->remote_button = new_choice_button (C_("conflict choice", "Platform’s"), pb_conflict_row_get_remote_value (row));
  gtk_toggle_button_set_group (self->remote_button, self->local_button);
  gtk_box_append (GTK_BOX (choices), GTK_WIDGET (self->local_button));
  gtk_box_append (GTK_BOX (choices), GTK_WIDGET (self->remote_button));
  gtk_box_append (GTK_BOX (box), choices);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  sync_buttons (self);
  g_signal_connect_object (self->local_button, "toggled", G_CALLBACK (button_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->remote_button, "toggled", G_CALLBACK (button_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "notify::choice", G_CALLBACK (sync_buttons), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

gboolean
pb_conflict_choice_row_focus_choice (PbConflictChoiceRow *self)
{
  g_return_val_if_fail (PB_IS_CONFLICT_CHOICE_ROW (self), FALSE);

  return gtk_widget_grab_focus (gtk_toggle_button_get_active (self->remote_button) ? GTK_WIDGET (self->remote_button)
                                                                                    : GTK_WIDGET (self->local_button));
}

PbConflictRow *
pb_conflict_choice_row_get_row (PbConflictChoiceRow *self)
{
  g_return_val_if_fail (PB_IS_CONFLICT_CHOICE_ROW (self), NULL);
  return self->row;
}
