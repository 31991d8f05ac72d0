/* pb-mapping-grid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <string.h>

#include "pb-choice-popover.h"
#include "pb-choices.h"
#include "pb-columns.h"
#include "pb-mapping-grid.h"
#include "pb-mapping-row.h"
#include "pb-ui-util.h"

struct _PbMappingGrid
{
  GtkWidget parent_instance;

  GtkLabel          *heading_label;
  GtkLabel          *name_title;
  GtkLabel          *value_title;
  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkListView       *list_view;
  AdwStatusPage     *no_results_page;

  PbSubject           subject;
  PbConfiguration    *configuration;
  PbChoices          *choices;     /* what the rows' drop-downs offer */
  GtkTreeListModel   *tree;        /* states: majors with their minors */
  GtkCustomFilter    *filter;
  GtkFilterListModel *items;       /* what the rows show */
  GtkSliceListModel  *shown;       /* what the view has rows for so far */
  guint               grow_source;
  char               *search_key;  /* casefolded; NULL when not searching */
  GHashTable         *rows;        /* the bound PbMappingRows (a set) */
  PbChoicePopover    *popover;     /* the one popup of the grid, made at first use */
  char               *pending_focus;
};

G_DEFINE_FINAL_TYPE (PbMappingGrid, pb_mapping_grid, GTK_TYPE_WIDGET)

enum {
  MAPPING_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Search */

static GQuark
search_text_quark (void)
{
  return g_quark_from_static_string ("pb-mapping-grid-search-text");
}

/* An item's name and id, casefolded once and kept with the item (items
 * are replaced, never changed, when the lists change). */
static const char *
get_search_text (gpointer item)
{
  const char *text = g_object_get_qdata (item, search_text_quark ());

  if (text == NULL)
    {
      g_autofree char *joined = NULL;

      if (PB_IS_PRESENCE_STATUS (item))
        joined = g_strjoin ("\n", pb_presence_status_get_label (item), pb_presence_status_get_api_name (item), NULL);
      else
        joined = g_strjoin ("\n", pb_agent_state_get_name (item), pb_agent_state_get_id (item), NULL);

      text = g_utf8_casefold (joined, -1);
      g_object_set_qdata_full (item, search_text_quark (), (gpointer)text, g_free);
    }

  return text;
}

static gboolean
value_matches (PbMappingGrid *self,
               gpointer       item)
{
  g_autofree char *value = NULL;
  g_autofree char *folded = NULL;

  if (PB_IS_PRESENCE_STATUS (item))
    {
      const char *state_id = pb_configuration_get_presence_mapping (self->configuration,
                                                                    pb_presence_status_get_api_name (item));
      guint position = pb_choices_find (self->choices, state_id);

      /* The common case without a copy: the entry the drop-down shows. */
      if (position != GTK_INVALID_LIST_POSITION)
        return strstr (pb_choices_get_folded (self->choices, position), self->search_key) != NULL;

      value = pb_mapping_dup_status_value (self->configuration, self->choices, item);
    }
  else
    {
      value = pb_mapping_dup_state_value (self->configuration, self->choices, item);
    }

  folded = g_utf8_casefold (value, -1);
  return strstr (folded, self->search_key) != NULL;
}

static gboolean
item_matches (PbMappingGrid *self,
              gpointer       item)
{
  return strstr (get_search_text (item), self->search_key) != NULL || value_matches (self, item);
}

static gboolean
any_minor_matches (PbMappingGrid *self,
                   const char    *major_id)
{
  GListModel *minors = pb_configuration_get_minor_states (self->configuration, major_id);
  guint n = minors ? g_list_model_get_n_items (minors) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAgentState) minor = g_list_model_get_item (minors, i);

      if (item_matches (self, minor))
        return TRUE;
    }

  return FALSE;
}

/* A state is shown when it matches, when one of its minors does (so the
 * match is seen in place), or when its major does. */
static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PbMappingGrid *self = user_data;
  g_autoptr(PbAgentState) state = NULL;
  PbAgentState *major;

  if (self->search_key == NULL)
    return TRUE;

  if (PB_IS_PRESENCE_STATUS (item))
    return item_matches (self, item);

  state = gtk_tree_list_row_get_item (item);
  if (item_matches (self, state))
    return TRUE;

  if (pb_agent_state_is_major (state))
    return any_minor_matches (self, pb_agent_state_get_id (state));

  major = pb_configuration_lookup_state (self->configuration, pb_agent_state_get_major_id (state));
  return major != NULL && item_matches (self, major);
}

/* Majors with a matching minor are expanded, so the match is visible. */
static void
expand_matching_majors (PbMappingGrid *self)
{
  GListModel *majors;
  guint n;

  if (self->search_key == NULL || self->tree == NULL)
    return;

  majors = pb_configuration_get_major_states (self->configuration);
  n = g_list_model_get_n_items (majors);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAgentState) major = g_list_model_get_item (majors, i);
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree, i);

      if (row != NULL && gtk_tree_list_row_is_expandable (row) && !gtk_tree_list_row_get_expanded (row) &&
          any_minor_matches (self, pb_agent_state_get_id (major)))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void show_first_rows (PbMappingGrid *self);

static void
update_page (PbMappingGrid *self)
{
  gboolean empty = self->items != NULL && self->search_key != NULL &&
                   g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "no-results" : "list");
}

void
pb_mapping_grid_set_search (PbMappingGrid *self,
                            const char    *text)
{
  g_autofree char *key = NULL;
  GtkFilterChange change;

  g_return_if_fail (PB_IS_MAPPING_GRID (self));

  if (text != NULL && text[0] != '\0')
    key = g_utf8_casefold (text, -1);

  if (g_strcmp0 (key, self->search_key) == 0)
    return;

  /* Typing on narrows the rows shown, deleting widens them: the filter
   * model then only tests the rows it shows (or hides), and keeps them. */
  if (self->search_key == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (key == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (key, self->search_key) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->search_key, key) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->search_key);
  self->search_key = g_steal_pointer (&key);

  if (self->configuration == NULL)
    return;

  expand_matching_majors (self);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  show_first_rows (self);
  update_page (self);
}

GListModel *
pb_mapping_grid_get_model (PbMappingGrid *self)
{
  g_return_val_if_fail (PB_IS_MAPPING_GRID (self), NULL);
  return G_LIST_MODEL (self->items);
}

/* Rows. GTK 4.8's list view builds a row for each of up to 200 items
 * around the view, however few it shows: for a long list, 200 rows of
 * drop-downs before the first frame. The view is given the rows of one
 * screen only, and the rest in steps after the first frame (in
 * low-priority idles), until it has all of them. */

#define ROW_HEIGHT_MIN 44
#define MORE_ROWS      20
#define ROWS_BUILT     200

/* As many rows as fill the list at the least height a row has, and one
 * more. Before the grid has a size: the window's height less what is
 * above and below the grids (header bar, headings, switches, about 300
 * pixels), or the height the narrow layout gives the list. */
#define CHROME_HEIGHT 300

static guint
rows_for_a_screen (PbMappingGrid *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self->scroller));
  int width;

  if (height <= 0 && gtk_scrolled_window_get_max_content_height (self->scroller) > 0)
    height = gtk_scrolled_window_get_max_content_height (self->scroller);
  if (height <= 0 && GTK_IS_WINDOW (root))
    {
      gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
      height -= CHROME_HEIGHT;
    }

  return MAX (height, 240) / ROW_HEIGHT_MIN + 1;
}

static gboolean
grow_cb (gpointer user_data)
{
  PbMappingGrid *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->shown);

  if (size + MORE_ROWS >= ROWS_BUILT)
    {
      gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
      self->grow_source = 0;
      return G_SOURCE_REMOVE;
    }

  gtk_slice_list_model_set_size (self->shown, size + MORE_ROWS);
  return G_SOURCE_CONTINUE;
}

/* Back to a screen of rows, the rest to follow after the next frame: what
 * a search shows first is what fits. */
static void
show_first_rows (PbMappingGrid *self)
{
  guint first_rows = rows_for_a_screen (self);

  g_clear_handle_id (&self->grow_source, g_source_remove);
  gtk_slice_list_model_set_size (self->shown, first_rows);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) > first_rows)
    self->grow_source = g_idle_add_full (G_PRIORITY_LOW, grow_cb, self, NULL);
  else
    gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
}

static void
show_all_rows (PbMappingGrid *self)
{
  g_clear_handle_id (&self->grow_source, g_source_remove);
  if (self->shown != NULL)
    gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
}

static void
row_mapping_chosen_cb (PbMappingGrid *self,
                       const char    *subject_id,
                       gboolean       has_entry,
                       const char    *target,
                       PbMappingRow  *row)
{
  g_signal_emit (self, signals[MAPPING_CHOSEN], 0, subject_id, has_entry, target);
}

/* The grid's one popup, made when first opened, on the drop-down clicked. */
static void
open_choices_cb (PbMappingGrid  *self,
                 PbChoiceButton *chooser)
{
  if (self->popover == NULL)
    self->popover = g_object_ref_sink (PB_CHOICE_POPOVER (pb_choice_popover_new ()));
  pb_choice_popover_popup (self->popover, chooser);
}

static void
row_setup_cb (PbMappingGrid            *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  GtkWidget *row = pb_mapping_row_new ();

  g_signal_connect_object (pb_mapping_row_get_chooser (PB_MAPPING_ROW (row)), "open-choices",
                           G_CALLBACK (open_choices_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "mapping-chosen", G_CALLBACK (row_mapping_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
row_bind_cb (PbMappingGrid            *self,
             GtkListItem              *item,
             GtkSignalListItemFactory *factory)
{
  PbMappingRow *row = PB_MAPPING_ROW (gtk_list_item_get_child (item));

  if (self->subject == PB_SUBJECT_PRESENCE)
    pb_mapping_row_bind_status (row, gtk_list_item_get_item (item), self->configuration, self->choices);
  else
    pb_mapping_row_bind_state (row, gtk_list_item_get_item (item), self->configuration, self->choices);
  g_hash_table_add (self->rows, row);

  /* The row asked for was scrolled to: it exists now. */
  if (self->pending_focus != NULL &&
      g_strcmp0 (pb_mapping_row_get_subject_id (row), self->pending_focus) == 0)
    {
      g_clear_pointer (&self->pending_focus, g_free);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
row_unbind_cb (PbMappingGrid            *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  PbMappingRow *row = PB_MAPPING_ROW (gtk_list_item_get_child (item));

  g_hash_table_remove (self->rows, row);
  pb_mapping_row_unbind (row);
}

GtkWidget *
pb_mapping_grid_lookup_row (PbMappingGrid *self,
                            const char    *subject_id)
{
  GHashTableIter iter;
  gpointer row;

  g_return_val_if_fail (PB_IS_MAPPING_GRID (self), NULL);

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    if (g_strcmp0 (pb_mapping_row_get_subject_id (row), subject_id) == 0)
      return row;

  return NULL;
}

/* The row that holds the focus, if the focus is in this grid's window. */
static PbMappingRow *
get_focus_row (PbMappingGrid *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)) ||
      gtk_widget_get_native (focus) != gtk_widget_get_native (GTK_WIDGET (self)))
    return NULL;

  row = PB_IS_MAPPING_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, PB_TYPE_MAPPING_ROW);
  if (row == NULL)
    {
      /* The list item itself (a row without a drop-down). */
      GtkWidget *child = gtk_widget_get_first_child (focus);

      row = child != NULL && PB_IS_MAPPING_ROW (child) ? child : NULL;
    }

  return row ? PB_MAPPING_ROW (row) : NULL;
}

/* + and − (and → and ←) expand and collapse the focused major state, on
 * its way down to the drop-down: neither the type-to-search of the window
 * nor anything else gets them. Keys typed in the drop-down's popup (a
 * child of the drop-down, in a surface of its own) are not for the row. */
static gboolean
key_pressed_cb (PbMappingGrid         *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  PbMappingRow *row;
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

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || self->subject != PB_SUBJECT_STATE)
    return FALSE;

  row = get_focus_row (self);
  if (row == NULL)
    return FALSE;

  pb_mapping_row_set_expanded (row, expand);
  /* Taken either way: a + typed here is never a search. */
  return TRUE;
}

/* Focus */

static guint
find_position (PbMappingGrid *self,
               const char    *subject_id)
{
  GListModel *model = G_LIST_MODEL (self->items);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      const char *id;

      if (PB_IS_PRESENCE_STATUS (item))
        {
          id = pb_presence_status_get_api_name (PB_PRESENCE_STATUS (item));
        }
      else
        {
          g_autoptr(PbAgentState) state = gtk_tree_list_row_get_item (GTK_TREE_LIST_ROW (item));

          id = pb_agent_state_get_id (state);
        }

      if (g_strcmp0 (id, subject_id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* A minor state is only in the list while its major is expanded. */
static void
expand_major_of (PbMappingGrid *self,
                 const char    *state_id)
{
  PbAgentState *state = pb_configuration_lookup_state (self->configuration, state_id);
  GListModel *majors = pb_configuration_get_major_states (self->configuration);
  guint n = g_list_model_get_n_items (majors);

  if (state == NULL || pb_agent_state_is_major (state))
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAgentState) major = g_list_model_get_item (majors, i);

      if (g_strcmp0 (pb_agent_state_get_id (major), pb_agent_state_get_major_id (state)) == 0)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree, i);

          if (row != NULL)
            gtk_tree_list_row_set_expanded (row, TRUE);
          return;
        }
    }
}

gboolean
pb_mapping_grid_focus_subject (PbMappingGrid *self,
                               const char    *subject_id)
{
  GtkWidget *row;
  guint position;

  g_return_val_if_fail (PB_IS_MAPPING_GRID (self), FALSE);

  if (self->items == NULL || subject_id == NULL)
    return FALSE;

  if (self->subject == PB_SUBJECT_STATE)
    expand_major_of (self, subject_id);

  position = find_position (self, subject_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  show_all_rows (self);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  row = pb_mapping_grid_lookup_row (self, subject_id);
  g_clear_pointer (&self->pending_focus, g_free);
  if (row != NULL)
    gtk_widget_grab_focus (row);
  else
    self->pending_focus = g_strdup (subject_id);

  return TRUE;
}

gboolean
pb_mapping_grid_focus (PbMappingGrid *self)
{
  g_return_val_if_fail (PB_IS_MAPPING_GRID (self), FALSE);

  if (self->items == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    return FALSE;

  return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

/* The configuration */

static void
update_rows (PbMappingGrid *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    pb_mapping_row_update (row);
}

static void
configuration_changed_cb (PbMappingGrid   *self,
                          PbConfiguration *configuration)
{
  /* At once: the row an edit came from shows it in the next frame. */
  update_rows (self);
}

static void
rebuild_choices (PbMappingGrid *self)
{
  GHashTableIter iter;
  gpointer row;

  g_clear_object (&self->choices);
  if (self->subject == PB_SUBJECT_PRESENCE)
    self->choices = pb_choices_new_states (self->configuration);
  else
    self->choices = pb_choices_new_presences (self->configuration);

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    pb_mapping_row_set_choices (row, self->choices);
}

static GListModel *
create_minor_model (gpointer item,
                    gpointer user_data)
{
  PbMappingGrid *self = user_data;
  GListModel *minors;

  if (!pb_agent_state_is_major (item))
    return NULL;

  minors = pb_configuration_get_minor_states (self->configuration, pb_agent_state_get_id (item));
  return minors ? g_object_ref (minors) : NULL;
}

void
pb_mapping_grid_set_configuration (PbMappingGrid   *self,
                                   PbConfiguration *configuration)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GListModel *source;

  g_return_if_fail (PB_IS_MAPPING_GRID (self));
  g_return_if_fail (configuration == NULL || PB_IS_CONFIGURATION (configuration));

  if (self->configuration == configuration)
    return;

  if (self->configuration != NULL)
    g_signal_handlers_disconnect_by_data (self->configuration, self);

  /* Detach the view first: its rows unbind from the old configuration. */
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_handle_id (&self->grow_source, g_source_remove);
  g_clear_object (&self->shown);
  g_clear_object (&self->items);
  g_clear_object (&self->tree);
  g_clear_object (&self->choices);
  g_clear_pointer (&self->pending_focus, g_free);
  g_set_object (&self->configuration, configuration);

  if (configuration == NULL)
    {
      update_page (self);
      return;
    }

  g_signal_connect_object (configuration, "changed", G_CALLBACK (configuration_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (configuration, "lists-changed", G_CALLBACK (rebuild_choices),
                           self, G_CONNECT_SWAPPED);
  rebuild_choices (self);

  if (self->subject == PB_SUBJECT_PRESENCE)
    {
      source = g_object_ref (pb_configuration_get_presence_statuses (configuration));
    }
  else
    {
      /* Expanded from the start: minors are what administrators look
       * for, and rows are recycled, so a thousand of them cost nothing. */
      self->tree = gtk_tree_list_model_new (g_object_ref (pb_configuration_get_major_states (configuration)),
                                            FALSE, TRUE, create_minor_model, self, NULL);
      source = g_object_ref (G_LIST_MODEL (self->tree));
    }

  self->items = gtk_filter_list_model_new (source, GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect_object (self->items, "items-changed", G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
  expand_matching_majors (self);

  self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->items)), 0, 0);
  show_first_rows (self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_page (self);
}

void
pb_mapping_grid_set_list_height (PbMappingGrid *self,
                                 int            height)
{
  g_return_if_fail (PB_IS_MAPPING_GRID (self));

  gtk_scrolled_window_set_propagate_natural_height (self->scroller, height >= 0);
  gtk_scrolled_window_set_max_content_height (self->scroller, height);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), height < 0);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroller), height < 0);
}

/* GObject */

static void
pb_mapping_grid_dispose (GObject *object)
{
  PbMappingGrid *self = (PbMappingGrid *)object;

  if (self->configuration != NULL)
    g_signal_handlers_disconnect_by_data (self->configuration, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_handle_id (&self->grow_source, g_source_remove);

  /* The popup may hang off a row's drop-down; it belongs to the grid. */
  if (self->popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  g_clear_object (&self->popover);

  pb_ui_dispose_template (GTK_WIDGET (self), PB_TYPE_MAPPING_GRID);

  g_clear_object (&self->shown);
  g_clear_object (&self->items);
  g_clear_object (&self->tree);
  g_clear_object (&self->filter);
  g_clear_object (&self->choices);
  g_clear_object (&self->configuration);

  G_OBJECT_CLASS (pb_mapping_grid_parent_class)->dispose (object);
}

static void
pb_mapping_grid_finalize (GObject *object)
{
  PbMappingGrid *self = (PbMappingGrid *)object;

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->pending_focus, g_free);

  G_OBJECT_CLASS (pb_mapping_grid_parent_class)->finalize (object);
}

static void
pb_mapping_grid_class_init (PbMappingGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_mapping_grid_dispose;
  object_class->finalize = pb_mapping_grid_finalize;

  /**
   * PbMappingGrid::mapping-chosen:
   * @subject_id: the API name or state id of the row
   * @has_entry: %FALSE for a state's first entry (no mapping of its own)
   * @target: (nullable): the state or presence picked; %NULL is the
   *   default (Ready) for a status, offline for a state
   */
  signals[MAPPING_CHOSEN] =
    g_signal_new ("mapping-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_BOOLEAN, G_TYPE_STRING);

  g_type_ensure (PB_TYPE_COLUMNS);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/presencebridge/PresenceBridge/pb-mapping-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, PbMappingGrid, heading_label);
  gtk_widget_class_bind_template_child (widget_class, PbMappingGrid, name_title);
  gtk_widget_class_bind_template_child (widget_class, PbMappingGrid, value_title);
  gtk_widget_class_bind_template_child (widget_class, PbMappingGrid, stack);
  gtk_widget_class_bind_template_child (widget_class, PbMappingGrid, scroller);
  gtk_widget_class_bind_template_child (widget_class, PbMappingGrid, list_view);
  gtk_widget_class_bind_template_child (widget_class, PbMappingGrid, no_results_page);
  gtk_widget_class_bind_template_callback (widget_class, row_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_unbind_cb);

  gtk_widget_class_set_css_name (widget_class, "pbmappinggrid");
}

static void
pb_mapping_grid_init (PbMappingGrid *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new (NULL, NULL);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);

  pb_ui_list_view_leave_on_tab (GTK_WIDGET (self->list_view));
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);
}

GtkWidget *
pb_mapping_grid_new (PbSubject subject)
{
  PbMappingGrid *self;

  g_return_val_if_fail (subject == PB_SUBJECT_PRESENCE || subject == PB_SUBJECT_STATE, NULL);

  self = g_object_new (PB_TYPE_MAPPING_GRID, NULL);
  self->subject = subject;

  /* The two headings say the same thing in the two directions. */
  if (subject == PB_SUBJECT_PRESENCE)
    {
      gtk_label_set_label (self->heading_label, _("Presence Status → Agent State"));
      gtk_label_set_label (self->name_title, _("Presence status"));
      gtk_label_set_label (self->value_title, _("Agent state it sets"));
      adw_status_page_set_description (self->no_results_page, _("No presence status matches the search."));
    }
  else
    {
      gtk_label_set_label (self->heading_label, _("Agent State → Presence Status"));
      gtk_label_set_label (self->name_title, _("Agent state"));
      gtk_label_set_label (self->value_title, _("Presence status it shows"));
      adw_status_page_set_description (self->no_results_page, _("No agent state matches the search."));
    }

  return GTK_WIDGET (self);
}

PbSubject
pb_mapping_grid_get_subject (PbMappingGrid *self)
{
  g_return_val_if_fail (PB_IS_MAPPING_GRID (self), PB_SUBJECT_NONE);
  return self->subject;
}
