/* pb-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-application.h"
#include "pb-window.h"

struct _PbApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  PbStore   *store;
  GError    *store_error;
  char      *store_path;   /* --store, else the default */
  char      *generate;     /* --generate or $PB_GENERATE: "STATUSES,STATES" */
};

G_DEFINE_FINAL_TYPE (PbApplication, pb_application, ADW_TYPE_APPLICATION)

/* The help, installed by gnome.yelp() under this name, and a copy to read
 * where no help viewer is installed. */
#define HELP_URI        "help:presence-bridge"
#define HELP_ONLINE_URI "https://github.com/presencebridge/presence-bridge/tree/main/help/C"

static const GOptionEntry option_entries[] = {
  { "store", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the store at PATH instead of the default one"), N_("PATH") },
  /* Opens a large generated profile: for benchmarks and tests. */
  { "generate", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL,
    "Open a generated profile of N presence statuses and M agent states", "N,M" },
  { NULL }
};

static int
pb_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  PbApplication *self = PB_APPLICATION (application);
  const char *path = NULL;
  const char *generate = NULL;

  if (g_variant_dict_lookup (options, "store", "^&ay", &path))
    self->store_path = g_strdup (path);
  if (g_variant_dict_lookup (options, "generate", "&s", &generate))
    self->generate = g_strdup (generate);

  /* Another store or a generated profile belongs to this process, not to
   * an instance that is already running. */
  if (self->store_path != NULL || self->generate != NULL)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

/* "5000,1000" → a profile of that size, made once and kept in the store. */
static char *
ensure_generated_profile (PbApplication  *self,
                          const char     *generate,
                          GError        **error)
{
  g_auto(GStrv) parts = g_strsplit (generate, ",", 2);
  g_autoptr(PbConfiguration) generated = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autofree char *name = NULL;
  guint64 n_statuses = 0, n_states = 0;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 1000000, &n_statuses, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 1000000, &n_states, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--generate takes STATUSES,STATES (for example 5000,1000), not “%s”", generate);
      return NULL;
    }

  name = g_strdup_printf ("Generated %u × %u", (guint)n_statuses, (guint)n_states);
  profile = pb_store_lookup_profile (self->store, name, NULL);
  if (profile != NULL)
    return g_steal_pointer (&name);

  generated = pb_generator_create (n_statuses, n_states, 1);
  if (pb_store_import (self->store, name, generated, "Generated", NULL, NULL, error) == 0)
    return NULL;

  return g_steal_pointer (&name);
}

static void
pb_application_activate (GApplication *application)
{
  PbApplication *self = PB_APPLICATION (application);
  const char *generate = self->generate ? self->generate : g_getenv ("PB_GENERATE");
  g_autofree char *profile_name = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  /* Opened for the first window, closed with the last one: a later
   * activation sees the store as it is then. */
  if (self->store == NULL && self->store_error == NULL)
    {
      g_autofree char *path = self->store_path ? g_strdup (self->store_path) : pb_store_dup_default_path ();

      self->store = pb_store_open (path, &self->store_error);
    }

  if (self->store != NULL && generate != NULL)
    {
      g_autoptr(GError) error = NULL;

      profile_name = ensure_generated_profile (self, generate, &error);
      if (profile_name == NULL)
        g_warning ("%s", error->message);
    }

  /* Without a generated profile, the window opens the profile that was
   * open last: the store remembers it (pb_store_get_startup_profile). */
  window = GTK_WINDOW (pb_window_new (ADW_APPLICATION (self), self->store, profile_name));
  gtk_window_present (window);

  if (self->store_error != NULL)
    pb_window_show_store_error (PB_WINDOW (window), self->store_error);
}

static void
pb_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  PbApplication *self = user_data;
  const char *developers[] = { _("The Presence Bridge authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", _("Presence Bridge"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Presence Bridge authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Keep contact-centre agent states and Salesforce Omni-Channel presence in step."),
                        "website", "https://github.com/presencebridge/presence-bridge",
                        "issue-url", "https://github.com/presencebridge/presence-bridge/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one a line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* The window a toast about the application goes to: the main window, even
 * when a dialog of it has the focus. */
static PbWindow *
pb_application_find_window (PbApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (PB_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static void
pb_application_help_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PbApplication *self = user_data;
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  PbWindow *window;
  AdwToast *toast;

  /* GTK 4.8's gtk_show_uri() does not report a failure: without a viewer
   * for help: URIs, F1 would silently do nothing. */
  if (viewer != NULL)
    {
      gtk_show_uri (gtk_application_get_active_window (GTK_APPLICATION (self)), HELP_URI, GDK_CURRENT_TIME);
      return;
    }

  window = pb_application_find_window (self);
  if (window == NULL)
    return;

  toast = adw_toast_new (_("No help viewer is installed"));
  adw_toast_set_button_label (toast, _("Read _Online"));
  adw_toast_set_action_name (toast, "app.help-online");
  /* The answer to the key just pressed: shown now, not after others. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  pb_window_add_toast (window, toast);
}

static void
pb_application_help_online_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  PbApplication *self = user_data;

  gtk_show_uri (gtk_application_get_active_window (GTK_APPLICATION (self)), HELP_ONLINE_URI, GDK_CURRENT_TIME);
}

static void
pb_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PbApplication *self = user_data;
  /* A window that closes leaves the application's list (and frees its
   * node) at once: walk a copy, each window held until it is its turn. */
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);

  /* Closing (not destroying) lets each window ask about unsaved changes. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_list_free_full (windows, g_object_unref);
}

static const GActionEntry app_actions[] = {
  { "about", pb_application_about_action },
  { "help", pb_application_help_action },
  { "help-online", pb_application_help_online_action },
  { "quit", pb_application_quit_action },
};

static void
pb_application_startup (GApplication *application)
{
  PbApplication *self = PB_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.help", { "F1", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.import", { "<Control>o", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.history", { "<Control>h", NULL } },
    { "win.new-profile", { "<Control>n", NULL } },
    { "win.fetch", { "F5", "<Control>r", NULL } },
    { "win.publish", { "<Control><Shift>p", NULL } },
    { "win.show-problems", { "F8", NULL } },
    { "win.show-preview", { "<Shift>F8", NULL } },
    { "win.show-simulation", { "F9", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.focus-statuses", { "<Control>1", NULL } },
    { "win.focus-states", { "<Control>2", NULL } },
  };

  G_APPLICATION_CLASS (pb_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
pb_application_window_removed (GtkApplication *application,
                               GtkWindow      *window)
{
  PbApplication *self = PB_APPLICATION (application);

  GTK_APPLICATION_CLASS (pb_application_parent_class)->window_removed (application, window);

  if (gtk_application_get_windows (application) == NULL)
    {
      g_clear_object (&self->store);
      g_clear_error (&self->store_error);
    }
}

static void
pb_application_dispose (GObject *object)
{
  PbApplication *self = (PbApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (pb_application_parent_class)->dispose (object);
}

static void
pb_application_finalize (GObject *object)
{
  PbApplication *self = (PbApplication *)object;

  g_free (self->store_path);
  g_free (self->generate);

  G_OBJECT_CLASS (pb_application_parent_class)->finalize (object);
}

static void
pb_application_class_init (PbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = pb_application_dispose;
  object_class->finalize = pb_application_finalize;
  app_class->handle_local_options = pb_application_handle_local_options;
  app_class->startup = pb_application_startup;
  app_class->activate = pb_application_activate;
  gtk_app_class->window_removed = pb_application_window_removed;
}

static void
pb_application_init (PbApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Map contact-centre agent states to Salesforce Omni-Channel presence statuses."));
}

PbApplication *
pb_application_new (void)
{
  return g_object_new (PB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/presencebridge/PresenceBridge",
                       NULL);
}

GSettings *
pb_application_get_settings (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);
  return self->settings;
}

PbStore *
pb_application_get_store (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);
  return self->store;
}
