/* test-german.c: the window in German shows no English
 *
 * Runs with LANGUAGE=de and the catalogue compiled into the build tree. It
 * opens the window's views (first run, the mapping with its problems and
 * preview, the menus, the shortcuts, every dialog there is, the toasts and
 * the store error) and reads every text they show: labels, buttons, titles,
 * tooltips, placeholders, drop-down entries, menu items and what a screen
 * reader announces. A text that is one of the English strings the sources
 * ask to translate (PB_TEST_SOURCE_CATALOGUE, made by xgettext) is a
 * failure, unless po/de.po deliberately keeps it as it is ("Omni-Channel").
 * Names that come from the configuration (labels, ids, profile names) are
 * data and are left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "pb-conflict-dialog.h"
#include "pb-connection-dialog.h"
#include "pb-history-dialog.h"
#include "pb-import-dialog.h"
#include "pb-promote-dialog.h"
#include "pb-simulation-panel.h"
#include "pb-test-fixtures.h"
#include "pb-test-remote.h"
#include "pb-test-window.h"

/* Catalogues */

typedef struct
{
  char      *context;
  char      *id;
  char      *plural;
  GPtrArray *translations;
  gboolean   fuzzy;
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->context);
  g_free (entry->id);
  g_free (entry->plural);
  g_ptr_array_unref (entry->translations);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_free)

/* The text of a PO file's quoted string ("…" with C escapes). */
static char *
po_string (const char *quoted)
{
  g_autofree char *inner = NULL;
  const char *end = strrchr (quoted, '"');

  g_assert_true (quoted[0] == '"' && end != NULL && end > quoted);
  inner = g_strndup (quoted + 1, end - quoted - 1);
  return g_strcompress (inner);
}

typedef enum
{
  FIELD_NONE,
  FIELD_CONTEXT,
  FIELD_ID,
  FIELD_PLURAL,
  FIELD_TRANSLATION,
} Field;

static void
entry_take_field (Entry   *entry,
                  Field    field,
                  GString *text)
{
  switch (field)
    {
    case FIELD_CONTEXT:
      entry->context = g_strdup (text->str);
      break;
    case FIELD_ID:
      entry->id = g_strdup (text->str);
      break;
    case FIELD_PLURAL:
      entry->plural = g_strdup (text->str);
      break;
    case FIELD_TRANSLATION:
      g_ptr_array_add (entry->translations, g_strdup (text->str));
      break;
    case FIELD_NONE:
    default:
      break;
    }
}

/* The entries of the PO (or POT) file at @path; obsolete ones (#~) are
 * comments and left out. */
static GPtrArray *
read_catalogue (const char *path)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  Entry *entry = NULL;
  Field field = FIELD_NONE;
  gboolean fuzzy = FALSE;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *space;
      g_autofree char *keyword = NULL;
      g_autofree char *value = NULL;
      Field kind;

      if (line[0] == '"' && field != FIELD_NONE)
        {
          g_autofree char *more = po_string (line);

          g_string_append (text, more);
          continue;
        }

      /* Anything else ends the string being read. */
      if (field != FIELD_NONE)
        entry_take_field (entry, field, text);
      field = FIELD_NONE;

      if (line[0] == '#')
        {
          if (g_str_has_prefix (line, "#,") && strstr (line, "fuzzy") != NULL)
            fuzzy = TRUE;
          continue;
        }
      space = strchr (line, ' ');
      if (space == NULL)
        continue;

      keyword = g_strndup (line, space - line);
      value = po_string (space + 1);
      if (g_str_equal (keyword, "msgctxt"))
        kind = FIELD_CONTEXT;
      else if (g_str_equal (keyword, "msgid"))
        kind = FIELD_ID;
      else if (g_str_equal (keyword, "msgid_plural"))
        kind = FIELD_PLURAL;
      else if (g_str_has_prefix (keyword, "msgstr"))
        kind = FIELD_TRANSLATION;
      else
        g_error ("%s:%u: unexpected “%s”", path, i + 1, keyword);

      /* msgctxt starts an entry; so does msgid, unless it follows one. */
      if (kind == FIELD_CONTEXT || (kind == FIELD_ID && (entry == NULL || entry->id != NULL || entry->context == NULL)))
        {
          entry = g_new0 (Entry, 1);
          entry->translations = g_ptr_array_new_with_free_func (g_free);
          entry->fuzzy = fuzzy;
          fuzzy = FALSE;
          g_ptr_array_add (entries, entry);
        }

      field = kind;
      g_string_assign (text, value);
    }

  if (field != FIELD_NONE)
    entry_take_field (entry, field, text);

  return g_steal_pointer (&entries);
}

/* English */

typedef struct
{
  char   *english;
  GRegex *pattern;
} English;

static void
english_free (English *english)
{
  g_free (english->english);
  g_regex_unref (english->pattern);
  g_free (english);
}

/* Underscores mark mnemonics (“_Save” shows as “Save”): compare without. */
static char *
without_mnemonics (const char *text)
{
  GString *result = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '_')
        g_string_append_c (result, *p);
    }

  return g_string_free (result, FALSE);
}

/* A pattern that matches what @msgid looks like once its printf (or
 * strftime) directives are filled in, or NULL when nothing but directives
 * and punctuation would be left to recognise it by (“%s: %s”). */
static GRegex *
english_pattern (const char *msgid)
{
  g_autoptr(GString) pattern = g_string_new ("^");
  g_autoptr(GString) literal = g_string_new (NULL);
  g_autofree char *plain = without_mnemonics (msgid);
  g_autoptr(GError) error = NULL;
  gboolean has_word = FALSE;
  GRegex *regex;

  for (const char *p = plain; ; p++)
    {
      if (*p == '%' && p[1] == '%')
        {
          g_string_append_c (literal, '%');
          p++;
          continue;
        }
      if (*p != '%' && *p != '\0')
        {
          g_string_append_c (literal, *p);
          continue;
        }

      /* The literal run so far, then the directive as a wildcard. */
      if (literal->len > 0)
        {
          g_autofree char *escaped = g_regex_escape_string (literal->str, -1);

          for (const char *q = literal->str; *q != '\0' && !has_word; q++)
            has_word = g_ascii_isalpha (q[0]) && g_ascii_isalpha (q[1]);
          g_string_append (pattern, escaped);
          g_string_truncate (literal, 0);
        }
      if (*p == '\0')
        break;

      p++;
      while (*p != '\0' && strchr ("0123456789$-+ #'.*hlLqjzt", *p) != NULL)
        p++;
      if (*p == '\0')
        break;
      /* A number is digits: "%u notes" is not "Taking notes". */
      g_string_append (pattern, strchr ("diu", *p) != NULL ? "(-?[0-9]+)" : "(.+?)");
    }

  if (!has_word)
    return NULL;

  g_string_append_c (pattern, '$');
  regex = g_regex_new (pattern->str, G_REGEX_DOTALL | G_REGEX_OPTIMIZE, 0, &error);
  g_assert_no_error (error);
  return regex;
}

static gboolean
kept_in_german (GHashTable *german,
                Entry      *source)
{
  g_autofree char *key = g_strdup_printf ("%s\004%s", source->context ? source->context : "", source->id);
  Entry *entry = g_hash_table_lookup (german, key);

  if (entry == NULL || entry->fuzzy || entry->translations->len == 0)
    return FALSE;
  if (g_strcmp0 (g_ptr_array_index (entry->translations, 0), source->id) != 0)
    return FALSE;
  return source->plural == NULL ||
         (entry->translations->len > 1 && g_strcmp0 (g_ptr_array_index (entry->translations, 1), source->plural) == 0);
}

/* What de.po says in German: a text that is one of these is German even
 * when it is spelt like an English string ("Profile", plural, is the
 * English "Profile"). */
static GHashTable *german_texts;

/* The English the window must not show: every string of the sources that
 * de.po does not deliberately keep as it is. */
static GPtrArray *
load_english (const char *source_catalogue,
              const char *german_catalogue)
{
  g_autoptr(GPtrArray) sources = read_catalogue (source_catalogue);
  g_autoptr(GPtrArray) translations = read_catalogue (german_catalogue);
  g_autoptr(GHashTable) german = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *english = g_ptr_array_new_with_free_func ((GDestroyNotify)english_free);

  for (guint i = 0; i < translations->len; i++)
    {
      Entry *entry = g_ptr_array_index (translations, i);

      g_hash_table_insert (german,
                           g_strdup_printf ("%s\004%s", entry->context ? entry->context : "", entry->id),
                           entry);
      for (guint t = 0; !entry->fuzzy && t < entry->translations->len; t++)
        g_hash_table_add (german_texts, without_mnemonics (g_ptr_array_index (entry->translations, t)));
    }

  for (guint i = 0; i < sources->len; i++)
    {
      Entry *source = g_ptr_array_index (sources, i);
      const char *forms[] = { source->id, source->plural };

      if (source->id[0] == '\0' || kept_in_german (german, source))
        continue;

      for (guint f = 0; f < G_N_ELEMENTS (forms) && forms[f] != NULL; f++)
        {
          GRegex *pattern = english_pattern (forms[f]);

          if (pattern != NULL)
            {
              English *item = g_new0 (English, 1);

              item->english = g_strdup (forms[f]);
              item->pattern = pattern;
              g_ptr_array_add (english, item);
            }
        }
    }

  g_assert_cmpuint (english->len, >, 100);
  return english;
}

/* What the window shows */

static GPtrArray *english;

typedef struct
{
  GHashTable *data;   /* texts that come from the configuration */
  GPtrArray  *found;  /* “where: text” of the English seen */
  guint       n_texts;
} Reading;

/* The text a person reads: without markup or mnemonics. */
static char *
readable (const char *text)
{
  g_autofree char *plain = NULL;

  if (!pango_parse_markup (text, -1, 0, NULL, &plain, NULL, NULL))
    plain = g_strdup (text);
  return without_mnemonics (g_strstrip (plain));
}

static void
read_text (Reading    *reading,
           const char *where,
           const char *text)
{
  g_autofree char *shown = NULL;

  if (text == NULL)
    return;
  shown = readable (text);
  if (shown[0] == '\0' || g_hash_table_contains (reading->data, shown))
    return;

  reading->n_texts++;
  if (g_hash_table_contains (german_texts, shown))
    return;
  for (guint i = 0; i < english->len; i++)
    {
      English *item = g_ptr_array_index (english, i);

      if (g_regex_match (item->pattern, shown, 0, NULL))
        {
          g_autofree char *line = g_strdup_printf ("%s: “%s” (“%s”)", where, shown, item->english);

          if (!g_ptr_array_find_with_equal_func (reading->found, line, g_str_equal, NULL))
            g_ptr_array_add (reading->found, g_steal_pointer (&line));
          return;
        }
    }
}

static void
read_menu (Reading    *reading,
           GMenuModel *menu)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);
      g_autofree char *label = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        read_text (reading, "menu item", label);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          read_menu (reading, linked);
        }
    }
}

/* The strings of a drop-down's entries. */
static void
read_choices (Reading    *reading,
              const char *where,
              GListModel *model)
{
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (GTK_IS_STRING_OBJECT (item))
        read_text (reading, where, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
    }
}

/* What a screen reader announces: GTK 4.8 has no getter, but comparing with
 * a value the property cannot have returns the value it has. */
static void
read_accessible (Reading       *reading,
                 GtkAccessible *accessible,
                 const char    *where)
{
  const GtkAccessibleProperty properties[] = {
    GTK_ACCESSIBLE_PROPERTY_LABEL,
    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
  };

  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    {
      g_autofree char *value = NULL;

      if (!gtk_test_accessible_has_property (accessible, properties[i]))
        continue;
      value = gtk_test_accessible_check_property (accessible, properties[i], "\001");
      read_text (reading, where, value);
    }
}

/* Every text of @widget and all below it, shown or not (a hidden page or
 * button shows its text sooner or later). */
static void
read_widget (Reading   *reading,
             GtkWidget *widget)
{
  static const char * const text_properties[] = {
    "label", "title", "subtitle", "description", "tooltip-text", "tooltip-markup",
    "placeholder-text", "heading", "body", "button-label", "text",
  };
  GObjectClass *klass = G_OBJECT_GET_CLASS (widget);
  const char *where = G_OBJECT_TYPE_NAME (widget);

  for (guint i = 0; i < G_N_ELEMENTS (text_properties); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, text_properties[i]);
      g_autofree char *value = NULL;

      /* An entry's text is what the person typed. */
      if (pspec == NULL || pspec->value_type != G_TYPE_STRING ||
          (g_str_equal (text_properties[i], "text") && GTK_IS_EDITABLE (widget)))
        continue;
      g_object_get (widget, text_properties[i], &value, NULL);
      read_text (reading, where, value);
    }

  if (g_object_class_find_property (klass, "menu-model") != NULL)
    {
      g_autoptr(GMenuModel) menu = NULL;

      g_object_get (widget, "menu-model", &menu, NULL);
      if (menu != NULL)
        read_menu (reading, menu);
    }
  if (GTK_IS_DROP_DOWN (widget))
    read_choices (reading, where, gtk_drop_down_get_model (GTK_DROP_DOWN (widget)));
  if (PB_IS_CHOICE_BUTTON (widget))
    read_choices (reading, where, pb_choice_button_get_model (PB_CHOICE_BUTTON (widget)));
  if (GTK_IS_STACK (widget))
    {
      g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (widget)));

      for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
        {
          g_autoptr(GObject) page = g_list_model_get_item (pages, i);

          read_text (reading, "GtkStackPage", gtk_stack_page_get_title (GTK_STACK_PAGE (page)));
        }
    }
  read_accessible (reading, GTK_ACCESSIBLE (widget), where);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    read_widget (reading, child);
}

/* The views */

typedef struct
{
  PbTestWindowFixture base;
  Reading             reading;
  PbTestSandbox      *sandbox;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  pb_test_window_set_up (&fixture->base, NULL);
  fixture->reading.data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->reading.found = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pb_test_window_tear_down (&fixture->base, NULL);
  g_clear_pointer (&fixture->sandbox, pb_test_sandbox_stop);
  g_unsetenv (PB_ENV_PLATFORM_CLIENT_SECRET);
  g_hash_table_unref (fixture->reading.data);
  g_ptr_array_unref (fixture->reading.found);
}

static void
add_data (Fixture    *fixture,
          const char *text)
{
  if (text != NULL)
    g_hash_table_add (fixture->reading.data, readable (text));
}

/* The names the configuration and the store bring: data, not English. */
static void
add_configuration_data (Fixture *fixture)
{
  PbWindow *window = fixture->base.window;
  PbConfiguration *draft = pb_window_get_draft (window);
  GListModel *states = pb_configuration_get_agent_states (draft);
  GListModel *statuses = pb_configuration_get_presence_statuses (draft);
  g_autoptr(GListModel) profiles = pb_store_list_profiles (pb_window_get_store (window), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (states); i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (states, i);
      g_autofree char *display = pb_configuration_dup_state_display_name (draft, pb_agent_state_get_id (state));

      add_data (fixture, pb_agent_state_get_id (state));
      add_data (fixture, pb_agent_state_get_name (state));
      add_data (fixture, display);
    }
  for (guint i = 0; i < g_list_model_get_n_items (statuses); i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (statuses, i);

      add_data (fixture, pb_presence_status_get_api_name (status));
      add_data (fixture, pb_presence_status_get_label (status));
    }
  add_data (fixture, pb_configuration_get_account_name (draft));
  add_data (fixture, pb_configuration_get_org_name (draft));
  for (guint i = 0; profiles != NULL && i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(PbProfile) profile = g_list_model_get_item (profiles, i);

      add_data (fixture, pb_profile_get_name (profile));
    }
}

/* The worked example, from the first-run page (pb_test_window_open_
 * worked_example() expects the profile's English name). */
static PbWindow *
load_worked_example (Fixture *fixture)
{
  PbWindow *window = pb_test_window_open (&fixture->base);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-example", NULL));
  PB_TEST_WAIT_UNTIL (window, "refreshed", pb_window_get_profile (window) != NULL);
  pb_test_window_wait_idle (window);
  g_assert_cmpstr (pb_profile_get_name (pb_window_get_profile (window)), ==, C_("profile name", "Example"));
  pb_test_wait_for_draw (GTK_WIDGET (window));
  add_configuration_data (fixture);
  return window;
}

static void
read_window (Fixture   *fixture,
             GtkWidget *window)
{
  if (gtk_widget_get_visible (window))
    pb_test_wait_for_draw (window);
  read_widget (&fixture->reading, window);
}

/* Fails with every English text seen, not only the first. */
static void
assert_no_english (Fixture *fixture,
                   guint    at_least)
{
  GPtrArray *found = fixture->reading.found;

  g_test_message ("%u texts read", fixture->reading.n_texts);
  g_assert_cmpuint (fixture->reading.n_texts, >=, at_least);
  for (guint i = 0; i < found->len; i++)
    g_test_message ("English: %s", (const char *)g_ptr_array_index (found, i));
  if (found->len > 0)
    g_test_fail_printf ("%u English texts in the German window (above); update po/de.po", found->len);
}

static gboolean
dialog_busy (GtkWidget *dialog)
{
  gboolean busy;

  g_object_get (dialog, "busy", &busy, NULL);
  return busy;
}

static void
wait_until_idle (GtkWidget *dialog)
{
  PB_TEST_WAIT_UNTIL (dialog, "notify::busy", !dialog_busy (dialog));
  pb_test_wait_for_draw (dialog);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* GTK keeps its own reference while the window exists. */
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static gboolean
toast_shows (gpointer data)
{
  GtkWidget *window = data;

  return pb_test_find_label (window, g_object_get_data (G_OBJECT (window), "test-german-toast")) != NULL;
}

/* Until a label of @window shows @part. */
static void
wait_for_text (PbWindow   *window,
               const char *part)
{
  g_object_set_data_full (G_OBJECT (window), "test-german-toast", g_strdup (part), g_free);
  pb_test_wait_until (toast_shows, window, part);
}

/* Activates @action, reads the dialog of @type it opens (saved as
 * @screenshot when that is not NULL), and closes it. */
static void
read_dialog (Fixture    *fixture,
             PbWindow   *window,
             const char *action,
             GType       type,
             const char *screenshot)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  dialog = pb_window_get_dialog (window);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (dialog, type));
  read_window (fixture, GTK_WIDGET (dialog));
  if (screenshot != NULL)
    pb_test_save_screenshot (GTK_WIDGET (dialog), screenshot);
  gtk_window_destroy (dialog);
}

static void
test_first_run (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWidget *overlay;
  PbWindow *window;

  /* The catalogue is the German one, found in the build tree. */
  g_assert_nonnull (strstr (gettext (""), "Language: de"));

  window = pb_test_window_open (&fixture->base);
  read_window (fixture, GTK_WIDGET (window));
  /* The shortcuts window is built when first asked for. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  read_window (fixture, overlay);
  gtk_window_close (GTK_WINDOW (overlay));
  assert_no_english (fixture, 40);
}

static void
test_mapping (Fixture       *fixture,
              gconstpointer  user_data)
{
  PbWindow *window = load_worked_example (fixture);

  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_findings (window)), >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-problems", NULL));
  read_window (fixture, GTK_WIDGET (window));
  pb_test_save_screenshot (GTK_WIDGET (window), "german-problems");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-preview", NULL));
  read_window (fixture, GTK_WIDGET (window));
  pb_test_save_screenshot (GTK_WIDGET (window), "german-preview");
  assert_no_english (fixture, 100);
}

/* The Simulation page (F9), its day played through the mapping. */
static void
test_simulation (Fixture       *fixture,
                 gconstpointer  user_data)
{
  PbWindow *window = load_worked_example (fixture);
  PbSimulationPanel *panel = PB_SIMULATION_PANEL (pb_test_window_child (window, "simulation_panel"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-simulation", NULL));
  pb_window_refresh_now (window);
  PB_TEST_WAIT_UNTIL (panel, "notify::busy", !pb_simulation_panel_get_busy (panel));
  g_assert_nonnull (pb_simulation_panel_get_steps (panel));
  read_window (fixture, GTK_WIDGET (window));
  pb_test_save_screenshot (GTK_WIDGET (window), "german-simulation");

  /* Compared with the saved revision after an edit: the lines that differ. */
  pb_simulation_panel_set_compare (panel, TRUE);
  pb_choice_button_set_selected (pb_test_status_chooser (window, "On_a_call"), 0);
  pb_window_refresh_now (window);
  PB_TEST_WAIT_UNTIL (panel, "notify::busy", !pb_simulation_panel_get_busy (panel));
  read_window (fixture, GTK_WIDGET (window));
  assert_no_english (fixture, 100);
}

static void
test_dialogs (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *changed_path = g_build_filename (fixture->base.dir, "changed.config.json", NULL);
  g_autofree char *export_path = g_build_filename (fixture->base.dir, "exported.config.json", NULL);
  g_autoptr(GFile) changed_file = g_file_new_for_path (changed_path);
  g_autoptr(GFile) export_file = g_file_new_for_path (export_path);
  g_autoptr(PbConfiguration) changed = NULL;
  g_autoptr(PbProfile) production = NULL;
  g_autoptr(GError) error = NULL;
  PbWindow *window = load_worked_example (fixture);
  PbStore *store = pb_window_get_store (window);
  GtkWidget *dialog;
  GtkWindow *about;
  GtkWindow *confirmation;
  PbChoiceButton *dropdown;

  add_data (fixture, "changed.config.json");
  add_data (fixture, "exported.config.json");

  /* An import that changes something. */
  changed = pb_configuration_copy (pb_window_get_draft (window));
  pb_configuration_set_presence_mapping (changed, "Taking_notes", "wrap");
  pb_configuration_set_revert_to_last_status (changed, TRUE);
  g_assert_true (pb_config_file_save_path (changed, changed_path, &error));
  g_assert_no_error (error);
  dialog = pb_window_import_from_file (window, changed_file, &error);
  g_assert_no_error (error);
  wait_until_idle (dialog);
  read_window (fixture, dialog);
  pb_import_dialog_apply (PB_IMPORT_DIALOG (dialog));
  PB_TEST_WAIT_UNTIL (window, "notify::busy", pb_window_get_saved_revision (window) >= 2 && !pb_window_get_busy (window));

  /* The history of the two revisions, and restoring the first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.history", NULL));
  dialog = GTK_WIDGET (pb_window_get_dialog (window));
  wait_until_idle (dialog);
  pb_history_dialog_select_revision (PB_HISTORY_DIALOG (dialog), 1);
  wait_until_idle (dialog);
  read_window (fixture, dialog);
  g_assert_true (gtk_widget_activate_action (dialog, "history.restore", NULL));
  confirmation = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirmation);
  read_window (fixture, GTK_WIDGET (confirmation));
  gtk_window_destroy (confirmation);
  gtk_window_destroy (GTK_WINDOW (dialog));

  read_dialog (fixture, window, "win.new-profile", ADW_TYPE_MESSAGE_DIALOG, NULL);

  /* Promote, to a profile that has the lists. */
  production = pb_test_add_profile (store, "Production");
  add_data (fixture, "Production");
  g_assert_cmpuint (pb_store_save_revision (store, production, pb_window_get_draft (window), PB_REVISION_SOURCE_FETCH,
                                            NULL, NULL, NULL), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.promote", NULL));
  dialog = GTK_WIDGET (pb_window_get_dialog (window));
  g_assert_true (PB_IS_PROMOTE_DIALOG (dialog));
  wait_until_idle (dialog);
  read_window (fixture, dialog);
  pb_test_save_screenshot (dialog, "german-promote");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_action_group_activate_action (G_ACTION_GROUP (pb_test_application), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  read_window (fixture, GTK_WIDGET (about));
  gtk_window_destroy (about);

  /* Toasts: an export, and F1 without a help viewer (which replaces it). */
  g_assert_true (pb_window_export_to_file (window, export_file, &error));
  g_assert_no_error (error);
  wait_for_text (window, "exported.config.json");
  read_window (fixture, GTK_WIDGET (window));
  g_action_group_activate_action (G_ACTION_GROUP (pb_test_application), "help", NULL);
  wait_for_text (window, _("No help viewer is installed"));
  read_window (fixture, GTK_WIDGET (window));

  /* Closing with unsaved changes asks first. */
  dropdown = pb_test_status_chooser (window, "Taking_notes");
  pb_choice_button_set_selected (dropdown, pb_choice_button_get_selected (dropdown) + 1);
  pb_window_refresh_now (window);
  g_assert_true (pb_window_get_has_unsaved_changes (window));
  gtk_window_close (GTK_WINDOW (window));
  dialog = GTK_WIDGET (pb_window_get_dialog (window));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  read_window (fixture, dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));

  assert_no_english (fixture, 150);
}

/* The remote side against the sandbox: a fetched profile, its connection,
 * a conflict with the platform and the dialog that resolves it, the
 * publish question. */
static void
test_remote (Fixture       *fixture,
             gconstpointer  user_data)
{
  guint port = pb_test_free_port ();
  g_autofree char *callback = g_strdup_printf ("http://localhost:%u/callback", port);
  const char *args[] = { "--salesforce-callback", callback, NULL };
  g_autoptr(PbTestResponse) response = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbProfile) added = NULL;
  g_autoptr(GError) error = NULL;
  PbWindow *window;

  fixture->sandbox = pb_test_sandbox_start (args);
  g_setenv (PB_ENV_PLATFORM_CLIENT_SECRET, fixture->sandbox->platform_client_secret, TRUE);
  store = pb_store_open (fixture->base.store_path, &error);
  g_assert_no_error (error);
  profile = pb_test_sandbox_profile (fixture->sandbox, "Sandbox", port);
  added = pb_store_add_profile (store, profile, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  add_data (fixture, "Sandbox");
  add_data (fixture, fixture->sandbox->platform_url);
  add_data (fixture, fixture->sandbox->auth_url);
  add_data (fixture, fixture->sandbox->salesforce_login_url);
  add_data (fixture, fixture->sandbox->platform_client_id);
  add_data (fixture, fixture->sandbox->salesforce_client_id);

  window = pb_test_window_open (&fixture->base);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch", NULL));
  pb_test_window_wait_idle (window);
  g_assert_cmpstr (pb_test_window_page (window), ==, "editor");
  add_configuration_data (fixture);
  read_window (fixture, GTK_WIDGET (window));

  read_dialog (fixture, window, "win.connection", PB_TYPE_CONNECTION_DIALOG, "german-connection");

  /* The publish question. */
  pb_choice_button_set_selected (pb_test_status_chooser (window, "On_a_call"), 0);
  pb_test_window_wait_refreshed (window);
  read_dialog (fixture, window, "win.publish", ADW_TYPE_MESSAGE_DIALOG, NULL);

  /* Someone else saves on the platform: the fetch finds a conflict. */
  response = pb_test_sandbox_admin (fixture->sandbox, "PUT", "/configuration", PB_TEST_ELSEWHERE_CONFIGURATION);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch", NULL));
  pb_test_window_wait_idle (window);
  g_assert_true (pb_test_action_enabled (window, "win.resolve-conflict"));
  read_window (fixture, GTK_WIDGET (window));
  pb_test_save_screenshot (GTK_WIDGET (window), "german-conflict-banner");

  read_dialog (fixture, window, "win.resolve-conflict", PB_TYPE_CONFLICT_DIALOG, "german-conflict-dialog");

  assert_no_english (fixture, 150);
}

static void
test_store_error (Fixture       *fixture,
                  gconstpointer  user_data)
{
  sqlite3 *db = NULL;
  PbWindow *window;

  g_assert_cmpint (sqlite3_open (fixture->base.store_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  add_data (fixture, fixture->base.store_path);

  window = pb_test_window_open (&fixture->base);
  read_window (fixture, GTK_WIDGET (window));
  g_assert_nonnull (pb_window_get_dialog (window));
  read_window (fixture, GTK_WIDGET (pb_window_get_dialog (window)));
  gtk_window_destroy (pb_window_get_dialog (window));
  assert_no_english (fixture, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_dir = NULL;
  int status;

  pb_test_window_init (&argc, &argv);

  /* What main.c does, with the catalogue of the build tree. */
  g_assert_nonnull (g_getenv ("PB_TEST_LOCALEDIR"));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PB_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  german_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  english = load_english (g_getenv ("PB_TEST_SOURCE_CATALOGUE"), g_getenv ("PB_TEST_GERMAN_CATALOGUE"));

  keyring_dir = pb_test_make_dir ("test-german-keyring-XXXXXX");
  pb_test_use_file_keyring (keyring_dir);

#define ADD(path, func) \
  g_test_add ("/german/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("first-run", test_first_run);
  ADD ("mapping", test_mapping);
  ADD ("simulation", test_simulation);
  ADD ("dialogs", test_dialogs);
  ADD ("remote", test_remote);
  ADD ("store-error", test_store_error);

#undef ADD

  status = pb_test_window_run ();
  g_clear_pointer (&english, g_ptr_array_unref);
  g_clear_pointer (&german_texts, g_hash_table_unref);
  pb_test_remove_tree (keyring_dir);
  return status;
}
