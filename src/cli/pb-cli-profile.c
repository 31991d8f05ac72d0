/* pb-cli-profile.c: profile list, add, set, remove and use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-cli.h"
#include "pb-http-client.h"

static char *platform_url;
static char *auth_url;
static char *client_id;
static char *salesforce_login_url;
static char *salesforce_client_id;
/* 0 until given: add uses the default port, set keeps the profile's. */
static int callback_port;
static gboolean sandbox_org;
static gboolean production_org;
static gboolean as_json;

static const GOptionEntry profile_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("With list: print the profiles as JSON"), NULL },
  { "platform-url", 0, 0, G_OPTION_ARG_STRING, &platform_url, N_("With add or set: the platform’s API base URL (set: \"\" clears it)"), N_("URL") },
  { "auth-url", 0, 0, G_OPTION_ARG_STRING, &auth_url, N_("With add or set: the platform’s token service base URL"), N_("URL") },
  { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id, N_("With add or set: the platform client id"), N_("ID") },
  { "salesforce-login-url", 0, 0, G_OPTION_ARG_STRING, &salesforce_login_url, N_("With add or set: the Salesforce login URL"), N_("URL") },
  { "salesforce-client-id", 0, 0, G_OPTION_ARG_STRING, &salesforce_client_id, N_("With add or set: the connected app’s consumer key"), N_("ID") },
  { "callback-port", 0, 0, G_OPTION_ARG_INT, &callback_port, N_("With add or set: the sign-in callback port (default 8717)"), N_("N") },
  { "sandbox-org", 0, 0, G_OPTION_ARG_NONE, &sandbox_org, N_("With add or set: the Salesforce org is a sandbox"), NULL },
  { "production-org", 0, 0, G_OPTION_ARG_NONE, &production_org, N_("With set: the Salesforce org is not a sandbox"), NULL },
  { NULL }
};

/* The remote side's URL policy (https://, http:// only on loopback),
 * checked here so a bad URL is refused when it is typed, not when it is
 * first used. */
static gboolean
check_url (const char  *option,
           const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;

  if (url == NULL || *url == '\0')
    return TRUE;

  uri = pb_http_client_parse_url (url, option, &local_error);
  if (uri == NULL)
    {
      /* A usage error (exit 2), not a remote one: nothing was sent. */
      g_set_error_literal (error, PB_ERROR, PB_ERROR_FAILED, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static int
profile_list (PbStore *store)
{
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) default_profile = NULL;
  guint n;

  profiles = pb_store_list_profiles (store, &error);
  if (profiles == NULL)
    return pb_cli_fail (NULL, error);

  default_profile = pb_store_get_default_profile (store, NULL);
  n = g_list_model_get_n_items (profiles);

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PbProfile) profile = g_list_model_get_item (profiles, i);
          const struct { const char *key, *value; } fields[] = {
            { "platformUrl", pb_profile_get_platform_url (profile) },
            { "authUrl", pb_profile_get_auth_url (profile) },
            { "clientId", pb_profile_get_client_id (profile) },
            { "salesforceLoginUrl", pb_profile_get_salesforce_login_url (profile) },
            { "salesforceClientId", pb_profile_get_salesforce_client_id (profile) },
          };

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, pb_profile_get_name (profile));
          json_builder_set_member_name (builder, "default");
          json_builder_add_boolean_value (builder, default_profile != NULL &&
                                          g_str_equal (pb_profile_get_name (default_profile),
                                                       pb_profile_get_name (profile)));
          for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
            {
              json_builder_set_member_name (builder, fields[f].key);
              if (fields[f].value)
                json_builder_add_string_value (builder, fields[f].value);
              else
                json_builder_add_null_value (builder);
            }
          json_builder_set_member_name (builder, "callbackPort");
          json_builder_add_int_value (builder, pb_profile_get_callback_port (profile));
          json_builder_set_member_name (builder, "sandboxOrg");
          json_builder_add_boolean_value (builder, pb_profile_get_sandbox_org (profile));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      pb_cli_print_json (root);
      return PB_EXIT_OK;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProfile) profile = g_list_model_get_item (profiles, i);
      gboolean is_default = default_profile != NULL &&
                            g_str_equal (pb_profile_get_name (default_profile), pb_profile_get_name (profile));
      g_autofree char *name = pb_cli_escape (pb_profile_get_name (profile));

      g_print ("%s %s\n", is_default ? "*" : " ", name);
    }

  return PB_EXIT_OK;
}

/* Checked before the store is opened, so a typo creates nothing. */
static int
check_add_options (void)
{
  g_autoptr(GError) error = NULL;

  if (!check_url ("--platform-url", platform_url, &error) ||
      !check_url ("--auth-url", auth_url, &error) ||
      !check_url ("--salesforce-login-url", salesforce_login_url, &error))
    return pb_cli_fail (NULL, error);

  if (callback_port != 0 && (callback_port < 1 || callback_port > 65535))
    {
      g_printerr ("presence-bridge-cli: %s\n", _("--callback-port: expected a port from 1 to 65535"));
      return PB_EXIT_USAGE;
    }
  if (sandbox_org && production_org)
    {
      g_printerr ("presence-bridge-cli: %s\n", _("--sandbox-org and --production-org cannot go together"));
      return PB_EXIT_USAGE;
    }

  return PB_EXIT_OK;
}

static int
profile_add (PbStore    *store,
             const char *name)
{
  g_autoptr(PbProfile) profile = pb_profile_new (name);
  g_autoptr(PbProfile) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped_name = NULL;

  pb_profile_set_platform_url (profile, platform_url);
  pb_profile_set_auth_url (profile, auth_url);
  pb_profile_set_client_id (profile, client_id);
  pb_profile_set_salesforce_login_url (profile, salesforce_login_url);
  pb_profile_set_salesforce_client_id (profile, salesforce_client_id);
  pb_profile_set_callback_port (profile, callback_port != 0 ? callback_port : PB_PROFILE_DEFAULT_CALLBACK_PORT);
  pb_profile_set_sandbox_org (profile, sandbox_org);

  added = pb_store_add_profile (store, profile, &error);
  if (added == NULL)
    return pb_cli_fail (NULL, error);

  escaped_name = pb_cli_escape (name);
  /* Translators: %s is a profile name */
  g_print (_("Added profile “%s”."), escaped_name);
  g_print ("\n");
  return PB_EXIT_OK;
}

/* Only what is given changes; an empty URL or id clears it. The
 * README's run.sh points a profile at a freshly started sandbox with it. */
static int
profile_set (PbStore    *store,
             const char *name)
{
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped_name = NULL;
  const struct {
    const char *value;
    void (*set) (PbProfile *, const char *);
  } fields[] = {
    { platform_url, pb_profile_set_platform_url },
    { auth_url, pb_profile_set_auth_url },
    { client_id, pb_profile_set_client_id },
    { salesforce_login_url, pb_profile_set_salesforce_login_url },
    { salesforce_client_id, pb_profile_set_salesforce_client_id },
  };

  profile = pb_store_lookup_profile (store, name, &error);
  if (profile == NULL)
    return pb_cli_fail (NULL, error);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].value != NULL)
      fields[i].set (profile, *fields[i].value != '\0' ? fields[i].value : NULL);
  if (callback_port != 0)
    pb_profile_set_callback_port (profile, callback_port);
  if (sandbox_org || production_org)
    pb_profile_set_sandbox_org (profile, sandbox_org);

  if (!pb_store_update_profile (store, profile, &error))
    return pb_cli_fail (NULL, error);

  escaped_name = pb_cli_escape (name);
  /* Translators: %s is a profile name */
  g_print (_("Updated profile “%s”."), escaped_name);
  g_print ("\n");
  return PB_EXIT_OK;
}

int
pb_cli_profile (const PbCliCommand  *command,
                int                  argc,
                char               **argv)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *action;

  if (!pb_cli_parse_options (command, profile_entries, FALSE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc < 2)
    return pb_cli_usage_error (command, "%s", _("Expected list, add, set, remove or use"));

  action = argv[1];
  if (g_str_equal (action, "list") ? argc != 2 : argc != 3)
    return pb_cli_usage_error (command, "%s", _("Wrong number of arguments"));

  if (!g_str_equal (action, "list") && !g_str_equal (action, "add") &&
      !g_str_equal (action, "set") && !g_str_equal (action, "remove") && !g_str_equal (action, "use"))
    return pb_cli_usage_error (command, _("Unknown action “%s”"), action);
  if (argc == 3 && *argv[2] == '\0')
    return pb_cli_usage_error (command, "%s", _("A profile name cannot be empty"));

  if (g_str_equal (action, "add") || g_str_equal (action, "set"))
    {
      int status = check_add_options ();

      if (status != PB_EXIT_OK)
        return status;
    }

  store = pb_cli_open_store (&error);
  if (store == NULL)
    return pb_cli_fail (NULL, error);

  name = argc == 3 ? pb_cli_escape (argv[2]) : NULL;
  if (g_str_equal (action, "list"))
    return profile_list (store);
  if (g_str_equal (action, "add"))
    return profile_add (store, argv[2]);
  if (g_str_equal (action, "set"))
    return profile_set (store, argv[2]);

  if (g_str_equal (action, "remove"))
    {
      if (!pb_store_remove_profile (store, argv[2], &error))
        return pb_cli_fail (NULL, error);
      /* Translators: %s is a profile name */
      g_print (_("Removed profile “%s” and its history."), name);
    }
  else
    {
      if (!pb_store_set_default_profile (store, argv[2], &error))
        return pb_cli_fail (NULL, error);
      /* Translators: %s is a profile name */
      g_print (_("“%s” is now the default profile."), name);
    }
  g_print ("\n");

  return PB_EXIT_OK;
}
