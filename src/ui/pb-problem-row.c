/* pb-problem-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-problem-group.h"
#include "pb-problem-row.h"
#include "pb-ui-util.h"

/* A finding's text starts under its group's title: the width of the two
 * icons before it, and their spacing. */
#define FINDING_INDENT (16 + 6 + 16 + 6)

struct _PbProblemRow
{
  GtkWidget parent_instance;

  GtkImage *disclosure_image;
  GtkImage *severity_image;
  GtkLabel *message_label;
  GtkLabel *count_label;

  GtkTreeListRow *row;
  PbProblemGroup *group;  /* bound group, to follow its count */
};

G_DEFINE_FINAL_TYPE (PbProblemRow, pb_problem_row, GTK_TYPE_WIDGET)

static void
pb_problem_row_dispose (GObject *object)
{
  PbProblemRow *self = (PbProblemRow *)object;

  pb_problem_row_unbind (self);
  pb_ui_dispose_template (GTK_WIDGET (self), PB_TYPE_PROBLEM_ROW);

  G_OBJECT_CLASS (pb_problem_row_parent_class)->dispose (object);
}

static void
pb_problem_row_class_init (PbProblemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_problem_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/presencebridge/PresenceBridge/pb-problem-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PbProblemRow, disclosure_image);
  gtk_widget_class_bind_template_child (widget_class, PbProblemRow, severity_image);
  gtk_widget_class_bind_template_child (widget_class, PbProblemRow, message_label);
  gtk_widget_class_bind_template_child (widget_class, PbProblemRow, count_label);
}

static void
pb_problem_row_init (PbProblemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pb_problem_row_new (void)
{
  return g_object_new (PB_TYPE_PROBLEM_ROW, NULL);
}

static void
update_group (PbProblemRow *self)
{
  guint n = pb_problem_group_get_n_findings (self->group);
  gboolean expanded = gtk_tree_list_row_get_expanded (self->row);
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *label = NULL;

  gtk_label_set_label (self->count_label, count);
  gtk_image_set_from_icon_name (self->disclosure_image, expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);

  /* Translators: a group of problems for a screen reader: "Warning: Busy presences that set Ready, 2". */
  label = g_strdup_printf (_("%s: %s, %u"), pb_ui_severity_name (pb_problem_group_get_severity (self->group)),
                           pb_problem_group_get_title (self->group), n);
  pb_ui_set_row_accessible (GTK_WIDGET (self), label, "");
}

void
pb_problem_row_bind (PbProblemRow   *self,
                     GtkTreeListRow *row)
{
  g_autoptr(GObject) item = NULL;

  g_return_if_fail (PB_IS_PROBLEM_ROW (self));
  g_return_if_fail (GTK_IS_TREE_LIST_ROW (row));

  pb_problem_row_unbind (self);

  self->row = g_object_ref (row);
  item = gtk_tree_list_row_get_item (row);

  if (PB_IS_PROBLEM_GROUP (item))
    {
      self->group = g_object_ref (PB_PROBLEM_GROUP (item));
      g_signal_connect_object (self->group, "notify::n-findings", G_CALLBACK (update_group),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "notify::expanded", G_CALLBACK (update_group),
                               self, G_CONNECT_SWAPPED);

      pb_ui_set_severity_image (self->severity_image, pb_problem_group_get_severity (self->group));
      gtk_widget_set_visible (GTK_WIDGET (self->disclosure_image), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->severity_image), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
      gtk_label_set_label (self->message_label, pb_problem_group_get_title (self->group));
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "heading");
      gtk_widget_set_margin_start (GTK_WIDGET (self->message_label), 0);
      /* The check's code is for a bug report, not for reading. */
      pb_ui_set_tooltip (GTK_WIDGET (self), pb_problem_group_get_code (self->group));
      update_group (self);
    }
  else
    {
      PbFinding *finding = PB_FINDING (item);
      g_autofree char *message = pb_ui_dup_display_text (pb_finding_get_message (finding));
      const char *path = pb_finding_get_path (finding);
      g_autofree char *where = NULL;

      gtk_widget_set_visible (GTK_WIDGET (self->disclosure_image), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->severity_image), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      gtk_label_set_label (self->message_label, message);
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "heading");
      gtk_widget_set_margin_start (GTK_WIDGET (self->message_label), FINDING_INDENT);

      /* Where in the configuration file, and which check: secondary. */
      /* Translators: a finding's tooltip: its place in the configuration file, then its check's code. */
      where = path != NULL ? g_strdup_printf (_("%s (%s)"), path, pb_finding_get_code (finding))
                           : g_strdup (pb_finding_get_code (finding));
      pb_ui_set_tooltip (GTK_WIDGET (self), where);
      pb_ui_set_row_accessible (GTK_WIDGET (self), message, where);
    }
}

void
pb_problem_row_unbind (PbProblemRow *self)
{
  g_return_if_fail (PB_IS_PROBLEM_ROW (self));

  if (self->group != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->group, self);
      g_clear_object (&self->group);
    }
  if (self->row != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->row, self);
      g_clear_object (&self->row);
    }
}

GtkTreeListRow *
pb_problem_row_get_list_row (PbProblemRow *self)
{
  g_return_val_if_fail (PB_IS_PROBLEM_ROW (self), NULL);
  return self->row;
}
