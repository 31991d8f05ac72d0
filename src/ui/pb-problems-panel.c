/* pb-problems-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "pb-problem-group.h"
#include "pb-problem-row.h"
#include "pb-problems-panel.h"
#include "pb-ui-util.h"


struct _PbProblemsPanel
{
  GtkWidget parent_instance;

  GtkStack    *stack;
  GtkListView *list_view;

  GListStore       *groups;    /* PbProblemGroup */
  GtkTreeListModel *tree;
  /* "severity:code" → whether the administrator left the group open, for
   * the groups they opened or closed (kept while a group comes and goes). */
  GHashTable       *chosen_expansion;
};

G_DEFINE_FINAL_TYPE (PbProblemsPanel, pb_problems_panel, GTK_TYPE_WIDGET)

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_group_key (PbSeverity  severity,
               const char *code)
{
  return g_strdup_printf ("%d:%s", severity, code);
}

static char *
dup_key_of (PbProblemGroup *group)
{
  return dup_group_key (pb_problem_group_get_severity (group), pb_problem_group_get_code (group));
}

static gboolean
finding_equal (PbFinding *a,
               PbFinding *b)
{
  return pb_finding_get_severity (a) == pb_finding_get_severity (b) &&
         pb_finding_get_subject (a) == pb_finding_get_subject (b) &&
         g_strcmp0 (pb_finding_get_code (a), pb_finding_get_code (b)) == 0 &&
         g_strcmp0 (pb_finding_get_path (a), pb_finding_get_path (b)) == 0 &&
         g_strcmp0 (pb_finding_get_message (a), pb_finding_get_message (b)) == 0 &&
         g_strcmp0 (pb_finding_get_subject_id (a), pb_finding_get_subject_id (b)) == 0;
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  return pb_problem_group_compare (*(PbProblemGroup **)a, *(PbProblemGroup **)b);
}

static GtkTreeListRow *
get_group_row (PbProblemsPanel *self,
               PbProblemGroup  *group)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->groups));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProblemGroup) candidate = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      if (candidate == group)
        return gtk_tree_list_model_get_child_row (self->tree, i);
    }

  return NULL;
}

static void
set_group_expanded (PbProblemsPanel *self,
                    GtkTreeListRow  *row,
                    gboolean         expanded)
{
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

  g_hash_table_insert (self->chosen_expansion, dup_key_of (PB_PROBLEM_GROUP (item)), GINT_TO_POINTER (expanded));
  gtk_tree_list_row_set_expanded (row, expanded);
}

void
pb_problems_panel_set_findings (PbProblemsPanel *self,
                                GListModel      *findings)
{
  g_autoptr(GHashTable) old_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) old_errors = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) created = g_ptr_array_new ();
  g_autoptr(GListStore) sorted = g_list_store_new (PB_TYPE_PROBLEM_GROUP);
  PbProblemGroup *new_error = NULL;
  guint n;

  g_return_if_fail (PB_IS_PROBLEMS_PANEL (self));
  g_return_if_fail (findings == NULL || G_IS_LIST_MODEL (findings));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  for (guint i = 0; i < n; i++)
    {
      PbProblemGroup *group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      g_hash_table_insert (old_errors, group, GUINT_TO_POINTER (pb_problem_group_get_n_findings (group)));
      g_hash_table_insert (old_groups, dup_key_of (group), group);
    }

  /* The findings of each check, in the order the checks gave them. */
  n = findings != NULL ? g_list_model_get_n_items (findings) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *key = dup_group_key (pb_finding_get_severity (finding), pb_finding_get_code (finding));
      GListStore *content = g_hash_table_lookup (contents, key);

      if (content == NULL)
        {
          PbProblemGroup *group = g_hash_table_lookup (old_groups, key);

          if (group != NULL)
            {
              g_ptr_array_add (groups, g_object_ref (group));
            }
          else
            {
              group = pb_problem_group_new (pb_finding_get_severity (finding), pb_finding_get_code (finding));
              g_ptr_array_add (groups, group);
              g_ptr_array_add (created, group);
            }

          content = g_list_store_new (PB_TYPE_FINDING);
          g_hash_table_insert (contents, g_steal_pointer (&key), content);
        }
      g_list_store_append (content, finding);
    }

  /* Each group's findings first, so a new group's row shows its count. */
  for (guint i = 0; i < groups->len; i++)
    {
      PbProblemGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *key = dup_key_of (group);

      pb_ui_list_store_sync (G_LIST_STORE (pb_problem_group_get_findings (group)),
                             g_hash_table_lookup (contents, key), (GEqualFunc)finding_equal);
    }

  /* In a fixed order (not the order of their first findings), so that
   * an edit never moves a group, and with it its rows. */
  g_ptr_array_sort (groups, compare_groups);
  g_list_store_splice (sorted, 0, 0, groups->pdata, groups->len);
  pb_ui_list_store_sync (self->groups, G_LIST_MODEL (sorted), g_direct_equal);

  for (guint i = 0; i < created->len; i++)
    {
      PbProblemGroup *group = g_ptr_array_index (created, i);
      g_autofree char *key = dup_key_of (group);
      g_autoptr(GtkTreeListRow) row = get_group_row (self, group);
      gpointer chosen;
      gboolean expanded;

      if (g_hash_table_lookup_extended (self->chosen_expansion, key, NULL, &chosen))
        expanded = GPOINTER_TO_INT (chosen);
      else
        expanded = pb_problem_group_get_severity (group) == PB_SEVERITY_ERROR;
      if (row != NULL)
        gtk_tree_list_row_set_expanded (row, expanded);
    }

  /* A new error (a new group, or one more in a group) is brought into
   * view; errors come first, so the first such group is the one. */
  for (guint i = 0; i < groups->len && new_error == NULL; i++)
    {
      PbProblemGroup *group = g_ptr_array_index (groups, i);
      gpointer before;

      if (pb_problem_group_get_severity (group) != PB_SEVERITY_ERROR)
        break;
      if (!g_hash_table_lookup_extended (old_errors, group, NULL, &before) ||
          pb_problem_group_get_n_findings (group) > GPOINTER_TO_UINT (before))
        new_error = group;
    }
  if (new_error != NULL && g_hash_table_size (old_errors) > 0)
    {
      g_autoptr(GtkTreeListRow) row = get_group_row (self, new_error);

      if (row != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                    gtk_tree_list_row_get_position (row));
    }

  gtk_stack_set_visible_child_name (self->stack, groups->len > 0 ? "list" : "none");
}

gboolean
pb_problems_panel_set_expanded (PbProblemsPanel *self,
                                guint            position,
                                gboolean         expanded)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_val_if_fail (PB_IS_PROBLEMS_PANEL (self), FALSE);

  row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  if (row == NULL || !gtk_tree_list_row_is_expandable (row))
    return FALSE;

  set_group_expanded (self, row, expanded);
  return TRUE;
}

gboolean
pb_problems_panel_focus (PbProblemsPanel *self)
{
  g_return_val_if_fail (PB_IS_PROBLEMS_PANEL (self), FALSE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->groups)) == 0)
    return FALSE;

  return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

GListModel *
pb_problems_panel_get_rows (PbProblemsPanel *self)
{
  g_return_val_if_fail (PB_IS_PROBLEMS_PANEL (self), NULL);
  return G_LIST_MODEL (self->tree);
}

/* Rows */

static void
row_setup_cb (PbProblemsPanel          *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (item, pb_problem_row_new ());
}

static void
row_bind_cb (PbProblemsPanel          *self,
             GtkListItem              *item,
             GtkSignalListItemFactory *factory)
{
  pb_problem_row_bind (PB_PROBLEM_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
row_unbind_cb (PbProblemsPanel          *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  pb_problem_row_unbind (PB_PROBLEM_ROW (gtk_list_item_get_child (item)));
}

static void
row_activate_cb (PbProblemsPanel *self,
                 guint            position,
                 GtkListView     *list_view)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  g_autoptr(GObject) item = NULL;

  if (row == NULL)
    return;

  item = gtk_tree_list_row_get_item (row);
  if (PB_IS_FINDING (item))
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, item);
  else
    set_group_expanded (self, row, !gtk_tree_list_row_get_expanded (row));
}

/* + and − (→ and ←) open and close the focused group; on a finding they
 * act on its group, which keeps the focus in view. */
static gboolean
key_pressed_cb (PbProblemsPanel       *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;
  GtkTreeListRow *row;
  gboolean expand;

  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_KP_Add:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      expand = TRUE;
      break;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      expand = FALSE;
      break;
    default:
      return FALSE;
    }

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || focus == NULL)
    return FALSE;

  /* The list item has the focus; the row is its child. */
  child = gtk_widget_get_first_child (focus);
  if (child == NULL || !PB_IS_PROBLEM_ROW (child))
    return FALSE;

  row = pb_problem_row_get_list_row (PB_PROBLEM_ROW (child));
  if (row != NULL && !gtk_tree_list_row_is_expandable (row))
    row = gtk_tree_list_row_get_parent (row);
  else if (row != NULL)
    g_object_ref (row);

  if (row != NULL)
    {
      set_group_expanded (self, row, expand);
      if (!expand)
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                    gtk_tree_list_row_get_position (row));
      g_object_unref (row);
    }

  return TRUE;
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  if (!PB_IS_PROBLEM_GROUP (item))
    return NULL;

  return g_object_ref (pb_problem_group_get_findings (item));
}

/* GObject */

static void
pb_problems_panel_dispose (GObject *object)
{
  PbProblemsPanel *self = (PbProblemsPanel *)object;

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  pb_ui_dispose_template (GTK_WIDGET (self), PB_TYPE_PROBLEMS_PANEL);
  g_clear_object (&self->tree);
  g_clear_object (&self->groups);

  G_OBJECT_CLASS (pb_problems_panel_parent_class)->dispose (object);
}

static void
pb_problems_panel_finalize (GObject *object)
{
  PbProblemsPanel *self = (PbProblemsPanel *)object;

  g_clear_pointer (&self->chosen_expansion, g_hash_table_unref);

  G_OBJECT_CLASS (pb_problems_panel_parent_class)->finalize (object);
}

static void
pb_problems_panel_class_init (PbProblemsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_problems_panel_dispose;
  object_class->finalize = pb_problems_panel_finalize;

  /**
   * PbProblemsPanel::finding-activated:
   * @finding: the PbFinding clicked or chosen with Enter
   */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PB_TYPE_FINDING);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/presencebridge/PresenceBridge/pb-problems-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PbProblemsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, PbProblemsPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, row_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "pbproblemspanel");
}

static void
pb_problems_panel_init (PbProblemsPanel *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->chosen_expansion = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->groups = g_list_store_new (PB_TYPE_PROBLEM_GROUP);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->groups)), FALSE, FALSE,
                                        create_children, NULL, NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  pb_ui_list_view_leave_on_tab (GTK_WIDGET (self->list_view));
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);
}

GtkWidget *
pb_problems_panel_new (void)
{
  return g_object_new (PB_TYPE_PROBLEMS_PANEL, NULL);
}
