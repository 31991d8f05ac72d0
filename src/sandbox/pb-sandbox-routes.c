/* pb-sandbox-routes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table is what --list-routes prints and what the meson test
 * check-openapi compares with docs/platform-api.yaml, so a route cannot be
 * added without documenting it.
 */
#include "pb-sandbox-routes.h"

#include <string.h>

static const PbSandboxRoute routes[] = {
  { PB_SANDBOX_ROUTE_PLATFORM_TOKEN, "POST", "/platform/connect/token", "platform-token", PB_SANDBOX_API_OAUTH },
  { PB_SANDBOX_ROUTE_ACCOUNT, "GET", "/platform/omnichannel/account", "account", PB_SANDBOX_API_PLATFORM },
  { PB_SANDBOX_ROUTE_AGENT_STATES, "GET", "/platform/omnichannel/agent-states", "agent-states", PB_SANDBOX_API_PLATFORM },
  { PB_SANDBOX_ROUTE_PRESENCE_STATUSES, "GET", "/platform/omnichannel/presence-statuses", "presence-statuses", PB_SANDBOX_API_PLATFORM },
  { PB_SANDBOX_ROUTE_PRESENCE_STATUSES_REFRESH, "POST", "/platform/omnichannel/presence-statuses/refresh", "refresh", PB_SANDBOX_API_PLATFORM },
  { PB_SANDBOX_ROUTE_CONFIGURATION_GET, "GET", "/platform/omnichannel/configuration", "configuration-get", PB_SANDBOX_API_PLATFORM },
  { PB_SANDBOX_ROUTE_CONFIGURATION_PUT, "PUT", "/platform/omnichannel/configuration", "configuration-put", PB_SANDBOX_API_PLATFORM },
  { PB_SANDBOX_ROUTE_AUTHORIZE_GET, "GET", "/services/oauth2/authorize", "authorize", PB_SANDBOX_API_HTML },
  { PB_SANDBOX_ROUTE_AUTHORIZE_POST, "POST", "/services/oauth2/authorize", "authorize", PB_SANDBOX_API_HTML },
  { PB_SANDBOX_ROUTE_SALESFORCE_TOKEN, "POST", "/services/oauth2/token", "salesforce-token", PB_SANDBOX_API_OAUTH },
  { PB_SANDBOX_ROUTE_QUERY, "GET", "/services/data/v60.0/query", "query", PB_SANDBOX_API_SALESFORCE },
  { PB_SANDBOX_ROUTE_QUERY_MORE, "GET", "/services/data/v60.0/query/{cursor}", "query", PB_SANDBOX_API_SALESFORCE },
  { PB_SANDBOX_ROUTE_IDENTITY, "GET", "/id/{orgId}/{userId}", "identity", PB_SANDBOX_API_SALESFORCE },
  { PB_SANDBOX_ROUTE_ADMIN_FAULTS_GET, "GET", "/_sandbox/faults", NULL, PB_SANDBOX_API_ADMIN },
  { PB_SANDBOX_ROUTE_ADMIN_FAULTS_POST, "POST", "/_sandbox/faults", NULL, PB_SANDBOX_API_ADMIN },
  { PB_SANDBOX_ROUTE_ADMIN_FAULTS_DELETE, "DELETE", "/_sandbox/faults", NULL, PB_SANDBOX_API_ADMIN },
  { PB_SANDBOX_ROUTE_ADMIN_CONFIGURATION_PUT, "PUT", "/_sandbox/configuration", NULL, PB_SANDBOX_API_ADMIN },
  { PB_SANDBOX_ROUTE_ADMIN_ACCOUNT_PUT, "PUT", "/_sandbox/account", NULL, PB_SANDBOX_API_ADMIN },
  { PB_SANDBOX_ROUTE_ADMIN_ORG_GET, "GET", "/_sandbox/org", NULL, PB_SANDBOX_API_ADMIN },
  { PB_SANDBOX_ROUTE_ADMIN_ORG_PUT, "PUT", "/_sandbox/org", NULL, PB_SANDBOX_API_ADMIN },
  { PB_SANDBOX_ROUTE_ADMIN_EXPIRE_TOKENS, "POST", "/_sandbox/expire-tokens", NULL, PB_SANDBOX_API_ADMIN },
  { PB_SANDBOX_ROUTE_ADMIN_REVOKE_REFRESH_TOKENS, "POST", "/_sandbox/revoke-refresh-tokens", NULL, PB_SANDBOX_API_ADMIN },
  { PB_SANDBOX_ROUTE_ADMIN_REQUESTS_GET, "GET", "/_sandbox/requests", NULL, PB_SANDBOX_API_ADMIN },
  { PB_SANDBOX_ROUTE_ADMIN_REQUESTS_DELETE, "DELETE", "/_sandbox/requests", NULL, PB_SANDBOX_API_ADMIN },
  { PB_SANDBOX_ROUTE_ADMIN_RESET, "POST", "/_sandbox/reset", NULL, PB_SANDBOX_API_ADMIN },
};

const PbSandboxRoute *
pb_sandbox_routes_get (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

/* Segment by segment; a "{name}" segment takes any non-empty segment. */
static gboolean
path_matches (const char  *pattern,
              const char  *path,
              GPtrArray   *params)
{
  g_auto(GStrv) pattern_parts = g_strsplit (pattern, "/", -1);
  g_auto(GStrv) path_parts = g_strsplit (path, "/", -1);

  if (g_strv_length (pattern_parts) != g_strv_length (path_parts))
    return FALSE;

  for (guint i = 0; pattern_parts[i] != NULL; i++)
    {
      if (pattern_parts[i][0] == '{')
        {
          if (path_parts[i][0] == '\0')
            return FALSE;
          if (params != NULL)
            g_ptr_array_add (params, g_strdup (path_parts[i]));
        }
      else if (strcmp (pattern_parts[i], path_parts[i]) != 0)
        {
          return FALSE;
        }
    }

  return TRUE;
}

const PbSandboxRoute *
pb_sandbox_routes_match (const char   *method,
                         const char   *path,
                         char       ***params,
                         gboolean     *path_known)
{
  *path_known = FALSE;
  *params = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

      if (!path_matches (routes[i].path, path, values))
        continue;

      *path_known = TRUE;
      if (strcmp (routes[i].method, method) == 0)
        {
          g_ptr_array_add (values, NULL);
          *params = (char **)g_ptr_array_free (g_steal_pointer (&values), FALSE);
          return &routes[i];
        }
    }

  return NULL;
}

char *
pb_sandbox_routes_dup_methods (const char *path)
{
  g_autoptr(GString) methods = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!path_matches (routes[i].path, path, NULL))
        continue;
      if (methods->len > 0)
        g_string_append (methods, ", ");
      g_string_append (methods, routes[i].method);
    }

  return g_string_free (g_steal_pointer (&methods), FALSE);
}

PbSandboxApi
pb_sandbox_routes_api_for_path (const char *path)
{
  if (g_str_has_prefix (path, PB_SANDBOX_ADMIN_PREFIX "/") || g_str_equal (path, PB_SANDBOX_ADMIN_PREFIX))
    return PB_SANDBOX_API_ADMIN;
  if (g_str_has_prefix (path, PB_SANDBOX_PLATFORM_PREFIX "/") || g_str_equal (path, PB_SANDBOX_PLATFORM_PREFIX))
    return PB_SANDBOX_API_PLATFORM;
  if (g_str_has_prefix (path, "/services/oauth2/"))
    return PB_SANDBOX_API_OAUTH;

  return PB_SANDBOX_API_SALESFORCE;
}

gboolean
pb_sandbox_routes_has_endpoint (const char *endpoint)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_strcmp0 (routes[i].endpoint, endpoint) == 0)
      return TRUE;

  return FALSE;
}
