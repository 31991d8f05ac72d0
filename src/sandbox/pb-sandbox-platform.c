/* pb-sandbox-platform.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every request needs a platform access token and must accept the
 * platform's media type; every answer, errors included, is of that type.
 * A configuration is changed only with If-Match naming the current
 * revision's ETag, so two administrators never overwrite each other.
 */
#include "pb-sandbox-platform.h"

#include <string.h>

#include "pb-sandbox-reply.h"

struct _PbSandboxPlatform
{
  GObject          parent_instance;

  PbSandboxState  *state;
  PbSandboxFaults *faults;
};

G_DEFINE_FINAL_TYPE (PbSandboxPlatform, pb_sandbox_platform, G_TYPE_OBJECT)

static void
pb_sandbox_platform_finalize (GObject *object)
{
  PbSandboxPlatform *self = PB_SANDBOX_PLATFORM (object);

  g_clear_object (&self->state);
  g_clear_object (&self->faults);

  G_OBJECT_CLASS (pb_sandbox_platform_parent_class)->finalize (object);
}

static void
pb_sandbox_platform_class_init (PbSandboxPlatformClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_sandbox_platform_finalize;
}

static void
pb_sandbox_platform_init (PbSandboxPlatform *self)
{
}

PbSandboxPlatform *
pb_sandbox_platform_new (PbSandboxState  *state,
                         PbSandboxFaults *faults)
{
  PbSandboxPlatform *self = g_object_new (PB_TYPE_SANDBOX_PLATFORM, NULL);

  self->state = g_object_ref (state);
  self->faults = g_object_ref (faults);

  return self;
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *code,
             const char        *message)
{
  pb_sandbox_reply_error (msg, PB_SANDBOX_API_PLATFORM, status, code, message);
}

static void
reply (SoupServerMessage *msg,
       JsonNode          *node)
{
  pb_sandbox_reply_json (msg, SOUP_STATUS_OK, PB_SANDBOX_PLATFORM_MEDIA_TYPE, node);
}

/* Whether Accept names the platform's media type (or a range holding it)
 * with a quality above zero. */
static gboolean
accepts_media_type (SoupServerMessage *msg)
{
  const char *accept = soup_message_headers_get_list (soup_server_message_get_request_headers (msg), "Accept");
  GSList *acceptable;
  gboolean found = FALSE;

  if (accept == NULL)
    return FALSE;

  acceptable = soup_header_parse_quality_list (accept, NULL);
  for (GSList *l = acceptable; l != NULL && !found; l = l->next)
    {
      g_autofree char *range = g_strstrip (g_strdup (l->data));
      char *semicolon = strchr (range, ';');

      if (semicolon != NULL)
        *semicolon = '\0';
      g_strstrip (range);
      found = g_ascii_strcasecmp (range, PB_SANDBOX_PLATFORM_MEDIA_TYPE) == 0 ||
              g_ascii_strcasecmp (range, "application/*") == 0 ||
              g_ascii_strcasecmp (range, "*/*") == 0;
    }
  soup_header_free_list (g_steal_pointer (&acceptable));

  return found;
}

static gboolean
check_request (PbSandboxPlatform *self,
               SoupServerMessage *msg)
{
  g_autofree char *token = pb_sandbox_dup_bearer_token (msg, FALSE);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

  if (token == NULL)
    {
      soup_message_headers_replace (response_headers, "WWW-Authenticate", "Bearer realm=\"platform\"");
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "missing_token",
                   "This request needs an access token (Authorization: Bearer …)");
      return FALSE;
    }

  switch (pb_sandbox_tokens_check (pb_sandbox_state_get_tokens (self->state), PB_SANDBOX_TOKEN_PLATFORM_ACCESS,
                                   NULL, token))
    {
    case PB_SANDBOX_TOKEN_VALID:
      break;
    case PB_SANDBOX_TOKEN_EXPIRED:
      soup_message_headers_replace (response_headers, "WWW-Authenticate",
                                    "Bearer realm=\"platform\", error=\"invalid_token\", "
                                    "error_description=\"The access token expired\"");
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_token", "The access token expired");
      return FALSE;
    case PB_SANDBOX_TOKEN_UNKNOWN:
    default:
      soup_message_headers_replace (response_headers, "WWW-Authenticate",
                                    "Bearer realm=\"platform\", error=\"invalid_token\"");
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_token", "The access token is not valid");
      return FALSE;
    }

  if (!accepts_media_type (msg))
    {
      reply_error (msg, SOUP_STATUS_NOT_ACCEPTABLE, "not_acceptable",
                   "This API answers " PB_SANDBOX_PLATFORM_MEDIA_TYPE "; send it in Accept");
      return FALSE;
    }

  return TRUE;
}

static gboolean
take_fault (PbSandboxPlatform  *self,
            const char         *endpoint,
            PbSandboxFaultKind  kind)
{
  PbSandboxFaultKind taken;
  guint value;

  return pb_sandbox_faults_take (self->faults, endpoint, kind, &taken, &value);
}

static gboolean
check_feature (PbSandboxPlatform *self,
               SoupServerMessage *msg,
               const char        *endpoint)
{
  if (pb_sandbox_state_get_omnichannel (self->state) && !take_fault (self, endpoint, PB_SANDBOX_FAULT_FEATURE_OFF))
    return TRUE;

  reply_error (msg, SOUP_STATUS_FORBIDDEN, "feature_disabled",
               "This account does not have the Omni-Channel integration");
  return FALSE;
}

static void
reply_configuration (PbSandboxPlatform *self,
                     SoupServerMessage *msg)
{
  g_autoptr(JsonNode) node = pb_sandbox_state_configuration_to_json (self->state);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag",
                                pb_sandbox_state_get_etag (self->state));
  reply (msg, node);
}

/* RFC 9110 §13.1.1: a list of entity tags or "*", compared strongly (a weak
 * tag never matches). */
static gboolean
if_match_matches (const char *if_match,
                  const char *etag)
{
  g_auto(GStrv) tags = g_strsplit (if_match, ",", -1);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      const char *tag = g_strstrip (tags[i]);

      if (g_str_equal (tag, "*") || g_str_equal (tag, etag))
        return TRUE;
    }

  return FALSE;
}

static void
handle_configuration_put (PbSandboxPlatform *self,
                          SoupServerMessage *msg)
{
  const char *if_match = soup_message_headers_get_list (soup_server_message_get_request_headers (msg), "If-Match");
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *findings = NULL;

  if (!check_feature (self, msg, "configuration-put"))
    return;

  if (!pb_sandbox_has_content_type (msg, "application/json") &&
      !pb_sandbox_has_content_type (msg, PB_SANDBOX_PLATFORM_MEDIA_TYPE))
    {
      reply_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                   "Send the configuration as application/json");
      return;
    }

  if (if_match == NULL)
    {
      reply_error (msg, 428, "precondition_required",
                   "Send If-Match with the ETag of the configuration this change is based on");
      return;
    }

  /* Another administrator saves just before this request is handled. */
  if (take_fault (self, "configuration-put", PB_SANDBOX_FAULT_CONFLICT))
    pb_sandbox_state_touch_configuration (self->state);

  if (!if_match_matches (if_match, pb_sandbox_state_get_etag (self->state)))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag",
                                    pb_sandbox_state_get_etag (self->state));
      reply_error (msg, SOUP_STATUS_PRECONDITION_FAILED, "revision_conflict",
                   "The configuration was changed since it was read; nothing was changed");
      return;
    }

  body = pb_sandbox_parse_json_body (msg, &error);
  if (body == NULL)
    {
      g_autofree char *message = g_strdup_printf ("The body is not valid JSON: %s", error->message);

      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_json", message);
      return;
    }

  if (take_fault (self, "configuration-put", PB_SANDBOX_FAULT_REFUSE))
    {
      JsonArray *refused = json_array_new ();

      json_array_add_object_element (refused,
                                     pb_sandbox_error_new ("mapping_refused",
                                                           "The platform refused this mapping (the sandbox's "
                                                           "refuse fault)", "stateToPresence.ready"));
      pb_sandbox_reply_errors (msg, PB_SANDBOX_API_PLATFORM, SOUP_STATUS_UNPROCESSABLE_ENTITY, refused);
      return;
    }

  if (!pb_sandbox_state_store_configuration (self->state, body, FALSE, &findings))
    {
      pb_sandbox_reply_errors (msg, PB_SANDBOX_API_PLATFORM, SOUP_STATUS_UNPROCESSABLE_ENTITY, findings);
      return;
    }

  reply_configuration (self, msg);
}

void
pb_sandbox_platform_handle (PbSandboxPlatform *self,
                            PbSandboxRouteId   route,
                            SoupServerMessage *msg)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_if_fail (PB_IS_SANDBOX_PLATFORM (self));

  if (!check_request (self, msg))
    return;

  switch (route)
    {
    case PB_SANDBOX_ROUTE_ACCOUNT:
      node = pb_sandbox_state_account_to_json (self->state, take_fault (self, "account", PB_SANDBOX_FAULT_FEATURE_OFF));
      reply (msg, node);
      break;

    case PB_SANDBOX_ROUTE_AGENT_STATES:
      node = pb_sandbox_state_agent_states_to_json (self->state);
      reply (msg, node);
      break;

    case PB_SANDBOX_ROUTE_PRESENCE_STATUSES_REFRESH:
      pb_sandbox_state_refresh_presence_statuses (self->state);
      G_GNUC_FALLTHROUGH;
    case PB_SANDBOX_ROUTE_PRESENCE_STATUSES:
      node = pb_sandbox_state_presence_statuses_to_json (self->state);
      reply (msg, node);
      break;

    case PB_SANDBOX_ROUTE_CONFIGURATION_GET:
      if (check_feature (self, msg, "configuration-get"))
        reply_configuration (self, msg);
      break;

    case PB_SANDBOX_ROUTE_CONFIGURATION_PUT:
      handle_configuration_put (self, msg);
      break;

    default:
      g_assert_not_reached ();
    }
}
