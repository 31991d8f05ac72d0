/* pb-sandbox-routes.h: every request the sandbox answers, in one table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which API a path belongs to decides the shape of its error answers. */
typedef enum
{
  PB_SANDBOX_API_PLATFORM,   /* {"errors":[…]}, application/vnd.contactcentre.v1+json */
  PB_SANDBOX_API_OAUTH,      /* {"error":"…","error_description":"…"} */
  PB_SANDBOX_API_SALESFORCE, /* [{"message":"…","errorCode":"…"}] */
  PB_SANDBOX_API_HTML,       /* pages a browser shows */
  PB_SANDBOX_API_ADMIN,      /* {"errors":[…]}, application/json */
} PbSandboxApi;

typedef enum
{
  PB_SANDBOX_ROUTE_PLATFORM_TOKEN,
  PB_SANDBOX_ROUTE_ACCOUNT,
  PB_SANDBOX_ROUTE_AGENT_STATES,
  PB_SANDBOX_ROUTE_PRESENCE_STATUSES,
  PB_SANDBOX_ROUTE_PRESENCE_STATUSES_REFRESH,
  PB_SANDBOX_ROUTE_CONFIGURATION_GET,
  PB_SANDBOX_ROUTE_CONFIGURATION_PUT,
  PB_SANDBOX_ROUTE_AUTHORIZE_GET,
  PB_SANDBOX_ROUTE_AUTHORIZE_POST,
  PB_SANDBOX_ROUTE_SALESFORCE_TOKEN,
  PB_SANDBOX_ROUTE_QUERY,
  PB_SANDBOX_ROUTE_QUERY_MORE,
  PB_SANDBOX_ROUTE_IDENTITY,
  PB_SANDBOX_ROUTE_ADMIN_FAULTS_GET,
  PB_SANDBOX_ROUTE_ADMIN_FAULTS_POST,
  PB_SANDBOX_ROUTE_ADMIN_FAULTS_DELETE,
  PB_SANDBOX_ROUTE_ADMIN_CONFIGURATION_PUT,
  PB_SANDBOX_ROUTE_ADMIN_ACCOUNT_PUT,
  PB_SANDBOX_ROUTE_ADMIN_ORG_GET,
  PB_SANDBOX_ROUTE_ADMIN_ORG_PUT,
  PB_SANDBOX_ROUTE_ADMIN_EXPIRE_TOKENS,
  PB_SANDBOX_ROUTE_ADMIN_REVOKE_REFRESH_TOKENS,
  PB_SANDBOX_ROUTE_ADMIN_REQUESTS_GET,
  PB_SANDBOX_ROUTE_ADMIN_REQUESTS_DELETE,
  PB_SANDBOX_ROUTE_ADMIN_RESET,
} PbSandboxRouteId;

typedef struct
{
  PbSandboxRouteId  id;
  const char       *method;
  /* "{name}" stands for one non-empty path segment. */
  const char       *path;
  /* The name --fault and the admin API use; NULL: no fault applies. */
  const char       *endpoint;
  PbSandboxApi      api;
} PbSandboxRoute;

#define PB_SANDBOX_PLATFORM_PREFIX "/platform"
#define PB_SANDBOX_ADMIN_PREFIX    "/_sandbox"

const PbSandboxRoute *pb_sandbox_routes_get          (guint       *n_routes);
/* The route for @method and @path, with the values of its "{name}"
 * segments in *@params (NULL-terminated; free with g_strfreev). NULL when
 * nothing matches; *@path_known then says whether another method would. */
const PbSandboxRoute *pb_sandbox_routes_match        (const char  *method,
                                                      const char  *path,
                                                      char      ***params,
                                                      gboolean    *path_known);
/* The methods served at @path, comma-separated, for an Allow header. */
char                 *pb_sandbox_routes_dup_methods  (const char  *path);
PbSandboxApi          pb_sandbox_routes_api_for_path (const char  *path);
gboolean              pb_sandbox_routes_has_endpoint (const char  *endpoint);

G_END_DECLS
