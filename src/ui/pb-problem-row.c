/* pb-problem-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-problem-group.h"
#include "pb-problem-row.h"

struct _PbProblemRow
{
  GtkWidget parent_instance;

  GtkLabel        *heading_label;
  GtkTreeExpander *expander;
  GtkImage        *severity_image;
  GtkLabel        *message_label;
  GtkLabel        *count_label;
  GtkLabel        *detail_label;

  PbProblemGroup *group;  /* bound group, to follow its count */
};

G_DEFINE_FINAL_TYPE (PbProblemRow, pb_problem_row, GTK_TYPE_WIDGET)

static void
pb_problem_row_dispose (GObject *object)
{
  PbProblemRow *self = (PbProblemRow *)object;
  GtkWidget *child;

  pb_problem_row_unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_PROBLEM_ROW);
  /* Children of the template without an id are not disposed with it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

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
  gtk_widget_class_bind_template_child (widget_class, PbProblemRow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, PbProblemRow, expander);
  gtk_widget_class_bind_template_child (widget_class, PbProblemRow, severity_image);
  gtk_widget_class_bind_template_child (widget_class, PbProblemRow, message_label);
  gtk_widget_class_bind_template_child (widget_class, PbProblemRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, PbProblemRow, detail_label);
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
set_severity (PbProblemRow *self,
              PbSeverity    severity)
{
  static const char * const classes[] = { "error", "warning", "accent" };
  const char *icon_name;
  const char *label;

  switch (severity)
    {
    case PB_SEVERITY_ERROR:
      icon_name = "dialog-error-symbolic";
      label = _("Error");
      break;
    case PB_SEVERITY_WARNING:
      icon_name = "dialog-warning-symbolic";
      label = _("Warning");
      break;
    case PB_SEVERITY_INFO:
    default:
      icon_name = "dialog-information-symbolic";
      label = _("Note");
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->severity_image), classes[i]);
  if ((guint)severity < G_N_ELEMENTS (classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->severity_image), classes[severity]);

  gtk_image_set_from_icon_name (self->severity_image, icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->severity_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
update_count (PbProblemRow *self)
{
  g_autofree char *count = g_strdup_printf ("%u", pb_problem_group_get_n_findings (self->group));

  gtk_label_set_label (self->count_label, count);
}

void
pb_problem_row_bind (PbProblemRow   *self,
                     GtkTreeListRow *row)
{
  g_autoptr(GObject) item = NULL;

  g_return_if_fail (PB_IS_PROBLEM_ROW (self));
  g_return_if_fail (GTK_IS_TREE_LIST_ROW (row));

  pb_problem_row_unbind (self);

  item = gtk_tree_list_row_get_item (row);
  gtk_tree_expander_set_list_row (self->expander, row);

  if (PB_IS_PROBLEM_GROUP (item) && pb_problem_group_is_heading (PB_PROBLEM_GROUP (item)))
    {
      gtk_label_set_label (self->heading_label, pb_problem_group_get_title (PB_PROBLEM_GROUP (item)));
      gtk_widget_set_visible (GTK_WIDGET (self->heading_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->expander), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->heading_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->expander), TRUE);

  if (PB_IS_PROBLEM_GROUP (item))
    {
      self->group = g_object_ref (PB_PROBLEM_GROUP (item));
      g_signal_connect_object (self->group, "notify::n-findings", G_CALLBACK (update_count),
                               self, G_CONNECT_SWAPPED);

      set_severity (self, pb_problem_group_get_severity (self->group));
      gtk_widget_set_visible (GTK_WIDGET (self->severity_image), TRUE);
      gtk_label_set_label (self->message_label, pb_problem_group_get_title (self->group));
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "heading");
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
      update_count (self);
      gtk_label_set_label (self->detail_label, pb_problem_group_get_code (self->group));
    }
  else
    {
      PbFinding *finding = PB_FINDING (item);

      gtk_widget_set_visible (GTK_WIDGET (self->severity_image), FALSE);
      gtk_label_set_label (self->message_label, pb_finding_get_message (finding));
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "heading");
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      gtk_label_set_label (self->detail_label, pb_finding_get_path (finding) ? pb_finding_get_path (finding)
                                                                           : pb_finding_get_code (finding));
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
  if (self->expander != NULL)
    gtk_tree_expander_set_list_row (self->expander, NULL);
}
