/* pb-sim-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-sim-row.h"
#include "pb-ui-util.h"

/* A flag sits under its step, its icon where the step's text starts,
 * its sentence after the icon. */
#define FLAG_INDENT 12
#define ICON_WIDTH  (16 + 6)

/* Text asks for no more than the side panel's 320 pixels hold: the
 * panel is as wide as it asks (and, folded, covers the window). */
#define TEXT_CHARS 28
#define CELL_CHARS (TEXT_CHARS / 2)

struct _PbSimRow
{
  GtkWidget parent_instance;

  GtkImage *severity_image;  /* a flag's */
  GtkLabel *text_label;      /* the event, or the flag's sentence */
  GtkLabel *state_label;     /* ContactPad */
  GtkLabel *presence_label;  /* Omni-Channel */
  GtkLabel *note_label;      /* compared with the saved revision */

  PbSimLine *line;
};

G_DEFINE_FINAL_TYPE (PbSimRow, pb_sim_row, GTK_TYPE_WIDGET)

static void
attach (PbSimRow  *self,
        gpointer   child,
        int        column,
        int        row,
        int        column_span)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkLayoutChild *layout_child;

  gtk_widget_set_parent (GTK_WIDGET (child), GTK_WIDGET (self));
  layout_child = gtk_layout_manager_get_layout_child (layout, GTK_WIDGET (child));
  gtk_grid_layout_child_set_column (GTK_GRID_LAYOUT_CHILD (layout_child), column);
  gtk_grid_layout_child_set_row (GTK_GRID_LAYOUT_CHILD (layout_child), row);
  gtk_grid_layout_child_set_column_span (GTK_GRID_LAYOUT_CHILD (layout_child), column_span);
}

static void
pb_sim_row_dispose (GObject *object)
{
  PbSimRow *self = (PbSimRow *)object;
  GtkWidget *child;

  g_clear_object (&self->line);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pb_sim_row_parent_class)->dispose (object);
}

static void
pb_sim_row_class_init (PbSimRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_sim_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pbsimrow");
}

/* Built in code, one grid and no boxes: a list builds up to 200 rows at
 * once, and a wrapping label is measured once per width in a grid. */
/*
 * The two columns are as wide as each other whatever they hold (bold
 * text asks for more room than regular text): the grid's columns are
 * homogeneous, and a flag's icon shares the first cell with the start of
 * its sentence, which leaves it room.
 */
static void
pb_sim_row_init (PbSimRow *self)
{
  GtkGridLayout *layout = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_grid_layout_set_column_spacing (layout, 6);
  gtk_grid_layout_set_row_spacing (layout, 2);
  gtk_grid_layout_set_column_homogeneous (layout, TRUE);

  self->severity_image = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->severity_image), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self->severity_image), GTK_ALIGN_START);
  self->text_label = GTK_LABEL (pb_ui_wrapping_label_new (12, TEXT_CHARS));
  self->state_label = GTK_LABEL (pb_ui_wrapping_label_new (6, CELL_CHARS));
  self->presence_label = GTK_LABEL (pb_ui_wrapping_label_new (6, CELL_CHARS));
  gtk_widget_set_valign (GTK_WIDGET (self->state_label), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self->presence_label), GTK_ALIGN_START);
  self->note_label = GTK_LABEL (pb_ui_wrapping_label_new (12, TEXT_CHARS));
  gtk_widget_add_css_class (GTK_WIDGET (self->note_label), "caption");

  attach (self, self->severity_image, 0, 0, 1);
  attach (self, self->text_label, 0, 0, 2);
  attach (self, self->state_label, 0, 1, 1);
  attach (self, self->presence_label, 1, 1, 1);
  attach (self, self->note_label, 0, 2, 2);
}

GtkWidget *
pb_sim_row_new (void)
{
  return g_object_new (PB_TYPE_SIM_ROW, NULL);
}

static void
set_changed (GtkLabel *label,
             gboolean  changed)
{
  if (changed)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "sim-changed");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "sim-changed");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
}

static char *
dup_presence_text (PbSimStep *step)
{
  if (pb_sim_step_get_presence_label (step) == NULL)
    return g_strdup (_("Offline"));

  return pb_ui_dup_display_text (pb_sim_step_get_presence_label (step));
}

/* One system's side of a step, for the comparison: "Away, “Away from
 * desk (temporary)”", "Logged out, offline". */
static char *
dup_sides_text (PbSimStep *step)
{
  g_autofree char *state = pb_ui_dup_display_text (pb_sim_step_get_state_name (step));
  g_autofree char *presence = NULL;

  if (pb_sim_step_get_presence_label (step) == NULL)
    /* Translators: a step's two sides when Omni-Channel is offline: a state name. */
    return g_strdup_printf (_("%s, offline"), state);

  presence = pb_ui_dup_display_text (pb_sim_step_get_presence_label (step));
  /* Translators: a step's two sides: a state name, then a presence label. */
  return g_strdup_printf (_("%s, “%s”"), state, presence);
}

static char *
dup_difference_text (PbSimLine *line)
{
  PbSimDifference differences = pb_sim_line_get_differences (line);
  g_autofree char *saved = NULL;
  g_autofree char *draft = NULL;

  if (differences == PB_SIM_DIFFERENCE_NONE || pb_sim_line_get_saved_step (line) == NULL)
    return NULL;

  if ((differences & (PB_SIM_DIFFERENCE_STATE | PB_SIM_DIFFERENCE_PRESENCE)) == 0)
    return g_strdup (_("The draft’s flags differ from the saved revision’s"));

  saved = dup_sides_text (pb_sim_line_get_saved_step (line));
  draft = dup_sides_text (pb_sim_line_get_step (line));
  /* Translators: what differs for the agent at a step: both sides after it,
   * through the saved revision, then through the draft. */
  return g_strdup_printf (_("Saved: %s → Draft: %s"), saved, draft);
}

/* "Step 3, An inbound call arrives: ContactPad now Busy Inbound,
 * Omni-Channel now “On a call”." */
static char *
dup_step_sentence (PbSimStep *step)
{
  PbSimChange changes = pb_sim_step_get_changes (step);
  g_autofree char *event = pb_ui_dup_display_text (pb_sim_step_get_event_text (step));
  g_autofree char *state = pb_ui_dup_display_text (pb_sim_step_get_state_name (step));
  g_autofree char *presence = NULL;
  g_autofree char *state_part = NULL;
  g_autofree char *presence_part = NULL;

  if (changes & PB_SIM_CHANGE_STATE)
    /* Translators: part of a step read out: the state it changed to. */
    state_part = g_strdup_printf (_("ContactPad now %s"), state);
  else
    /* Translators: part of a step read out: the state it left as it was. */
    state_part = g_strdup_printf (_("ContactPad still %s"), state);

  if (pb_sim_step_get_presence_label (step) == NULL)
    presence_part = g_strdup ((changes & PB_SIM_CHANGE_PRESENCE) ? _("Omni-Channel now offline")
                                                                 : _("Omni-Channel still offline"));
  else
    {
      presence = pb_ui_dup_display_text (pb_sim_step_get_presence_label (step));
      if (changes & PB_SIM_CHANGE_PRESENCE)
        /* Translators: part of a step read out: the presence it changed to. */
        presence_part = g_strdup_printf (_("Omni-Channel now “%s”"), presence);
      else
        /* Translators: part of a step read out: the presence it left as it was. */
        presence_part = g_strdup_printf (_("Omni-Channel still “%s”"), presence);
    }

  /* Translators: a step read out: its number, the event, then both systems. */
  return g_strdup_printf (_("Step %u, %s: %s, %s."), pb_sim_step_get_index (step) + 1, event,
                          state_part, presence_part);
}

/* The rule's sentences, one a line (U+2028, a line break that is not a
 * control character, so that the tooltip keeps it), the rule's code
 * after the last, as `simulate` prints them. */
static char *
dup_explanation (PbSimStep  *step,
                 const char *separator)
{
  const char * const *explanation = pb_sim_step_get_explanation (step);
  GString *text = g_string_new (NULL);

  for (guint i = 0; explanation != NULL && explanation[i] != NULL; i++)
    {
      g_autofree char *sentence = pb_ui_dup_display_text (explanation[i]);

      if (i > 0)
        g_string_append (text, separator);
      g_string_append_printf (text, "• %s", sentence);
    }
  g_string_append_printf (text, " [%s]", pb_sim_step_get_rule (step));

  return g_string_free (text, FALSE);
}

static void
bind_step (PbSimRow *self)
{
  PbSimStep *step = pb_sim_line_get_step (self->line);
  PbSimChange changes = pb_sim_step_get_changes (step);
  g_autofree char *event = pb_ui_dup_display_text (pb_sim_step_get_event_text (step));
  g_autofree char *heading = g_strdup_printf ("%u. %s", pb_sim_step_get_index (step) + 1, event);
  g_autofree char *state = pb_ui_dup_display_text (pb_sim_step_get_state_name (step));
  g_autofree char *presence = dup_presence_text (step);
  g_autofree char *difference = dup_difference_text (self->line);
  g_autofree char *sentence = dup_step_sentence (step);
  g_autofree char *spoken = NULL;
  g_autofree char *tooltip = dup_explanation (step, "\u2028");
  g_autofree char *description = dup_explanation (step, " ");

  gtk_widget_add_css_class (GTK_WIDGET (self), "sim-step");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "sim-flag");
  gtk_widget_set_margin_start (GTK_WIDGET (self), 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->text_label), 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->note_label), 0);
  gtk_widget_set_visible (GTK_WIDGET (self->severity_image), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->presence_label), TRUE);

  gtk_label_set_label (self->text_label, heading);
  gtk_label_set_label (self->state_label, state);
  gtk_label_set_label (self->presence_label, presence);
  set_changed (self->state_label, (changes & PB_SIM_CHANGE_STATE) != 0);
  set_changed (self->presence_label, (changes & PB_SIM_CHANGE_PRESENCE) != 0);

  gtk_widget_set_visible (GTK_WIDGET (self->note_label), difference != NULL);
  gtk_label_set_label (self->note_label, difference);
  gtk_widget_remove_css_class (GTK_WIDGET (self->note_label), "dim-label");
  if (difference != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "sim-differs");
      /* Translators: a step read out, then what differs from the saved revision. */
      spoken = g_strdup_printf (_("%s %s"), sentence, difference);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "sim-differs");
    }

  pb_ui_set_tooltip (GTK_WIDGET (self), tooltip);
  pb_ui_set_row_accessible (GTK_WIDGET (self), spoken ? spoken : sentence, description);
}

static void
bind_flag (PbSimRow *self)
{
  PbFinding *flag = pb_sim_line_get_flag (self->line);
  PbSimFlagChange change = pb_sim_line_get_flag_change (self->line);
  g_autofree char *message = pb_ui_dup_display_text (pb_finding_get_message (flag));
  const char *severity = pb_ui_severity_name (pb_finding_get_severity (flag));
  g_autofree char *where = NULL;
  g_autofree char *spoken = NULL;
  const char *note = NULL;

  gtk_widget_add_css_class (GTK_WIDGET (self), "sim-flag");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "sim-step");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "sim-differs");
  gtk_widget_set_margin_start (GTK_WIDGET (self), FLAG_INDENT);
  gtk_widget_set_margin_start (GTK_WIDGET (self->text_label), ICON_WIDTH);
  gtk_widget_set_margin_start (GTK_WIDGET (self->note_label), ICON_WIDTH);
  gtk_widget_set_visible (GTK_WIDGET (self->severity_image), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->presence_label), FALSE);
  pb_ui_set_severity_image (self->severity_image, pb_finding_get_severity (flag));
  gtk_label_set_label (self->text_label, message);

  if (change == PB_SIM_FLAG_ADDED)
    note = _("New in the draft");
  else if (change == PB_SIM_FLAG_REMOVED)
    note = _("Only in the saved revision: publishing the draft removes it");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
  gtk_label_set_label (self->note_label, note);
  gtk_widget_add_css_class (GTK_WIDGET (self->note_label), "dim-label");
  if (change == PB_SIM_FLAG_REMOVED)
    gtk_widget_add_css_class (GTK_WIDGET (self->text_label), "dim-label");

  if (note != NULL)
    /* Translators: a flag read out: its severity, its sentence, then how it compares with the saved revision. */
    spoken = g_strdup_printf (_("%s: %s (%s)"), severity, message, note);
  else
    /* Translators: a flag read out: its severity, then its sentence. */
    spoken = g_strdup_printf (_("%s: %s"), severity, message);

  /* Where in the configuration file, and which flag: secondary, as a
   * problem's. */
  /* Translators: a flag's tooltip: the place in the configuration file at fault, then the flag's code. */
  where = pb_finding_get_path (flag) != NULL
          ? g_strdup_printf (_("%s (%s)"), pb_finding_get_path (flag), pb_finding_get_code (flag))
          : g_strdup (pb_finding_get_code (flag));
  pb_ui_set_tooltip (GTK_WIDGET (self), where);
  pb_ui_set_row_accessible (GTK_WIDGET (self), spoken, where);
}

void
pb_sim_row_bind (PbSimRow  *self,
                 PbSimLine *line)
{
  g_return_if_fail (PB_IS_SIM_ROW (self));
  g_return_if_fail (PB_IS_SIM_LINE (line));

  g_set_object (&self->line, line);
  gtk_widget_remove_css_class (GTK_WIDGET (self->text_label), "dim-label");

  if (pb_sim_line_get_kind (line) == PB_SIM_LINE_FLAG)
    bind_flag (self);
  else
    bind_step (self);
}

void
pb_sim_row_unbind (PbSimRow *self)
{
  g_return_if_fail (PB_IS_SIM_ROW (self));
  g_clear_object (&self->line);
}

PbSimLine *
pb_sim_row_get_line (PbSimRow *self)
{
  g_return_val_if_fail (PB_IS_SIM_ROW (self), NULL);
  return self->line;
}
