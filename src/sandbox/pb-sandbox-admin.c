/* pb-sandbox-admin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What tests (and a curious administrator) use to play "someone else":
 * change the configuration or the org elsewhere, flip account features,
 * expire tokens, inject faults, read what was asked.
 */
#include "pb-sandbox-admin.h"

#include "pb-sandbox-reply.h"

struct _PbSandboxAdmin
{
  GObject              parent_instance;

  PbSandboxState      *state;
  PbSandboxFaults     *faults;
  PbSandboxRequestLog *log;
  char               **initial_faults;
};

G_DEFINE_FINAL_TYPE (PbSandboxAdmin, pb_sandbox_admin, G_TYPE_OBJECT)

static void
pb_sandbox_admin_finalize (GObject *object)
{
  PbSandboxAdmin *self = PB_SANDBOX_ADMIN (object);

  g_clear_object (&self->state);
  g_clear_object (&self->faults);
  g_clear_object (&self->log);
  g_strfreev (self->initial_faults);

  G_OBJECT_CLASS (pb_sandbox_admin_parent_class)->finalize (object);
}

static void
pb_sandbox_admin_class_init (PbSandboxAdminClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_sandbox_admin_finalize;
}

static void
pb_sandbox_admin_init (PbSandboxAdmin *self)
{
}

PbSandboxAdmin *
pb_sandbox_admin_new (PbSandboxState      *state,
                      PbSandboxFaults     *faults,
                      PbSandboxRequestLog *log,
                      const char * const  *initial_faults)
{
  PbSandboxAdmin *self = g_object_new (PB_TYPE_SANDBOX_ADMIN, NULL);

  self->state = g_object_ref (state);
  self->faults = g_object_ref (faults);
  self->log = g_object_ref (log);
  self->initial_faults = g_strdupv ((char **)initial_faults);

  return self;
}

static void
reply (SoupServerMessage *msg,
       JsonNode          *node)
{
  pb_sandbox_reply_json (msg, SOUP_STATUS_OK, "application/json", node);
}

static void
reply_no_content (SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static JsonNode *
read_body (SoupServerMessage *msg)
{
  g_autoptr(GError) error = NULL;
  JsonNode *body;

  if (!pb_sandbox_has_content_type (msg, "application/json"))
    {
      pb_sandbox_reply_error (msg, PB_SANDBOX_API_ADMIN, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                              "unsupported_media_type", "Send application/json");
      return NULL;
    }

  body = pb_sandbox_parse_json_body (msg, &error);
  if (body == NULL)
    {
      g_autofree char *message = g_strdup_printf ("The body is not valid JSON: %s", error->message);

      pb_sandbox_reply_error (msg, PB_SANDBOX_API_ADMIN, SOUP_STATUS_BAD_REQUEST, "invalid_json", message);
    }

  return body;
}

static void
reply_configuration (PbSandboxAdmin    *self,
                     SoupServerMessage *msg)
{
  g_autoptr(JsonNode) node = pb_sandbox_state_configuration_to_json (self->state);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag",
                                pb_sandbox_state_get_etag (self->state));
  reply (msg, node);
}

static void
handle_add_fault (PbSandboxAdmin    *self,
                  SoupServerMessage *msg)
{
  g_autoptr(JsonNode) body = read_body (msg);
  g_autoptr(JsonNode) faults = NULL;
  g_autoptr(GError) error = NULL;

  if (body == NULL)
    return;

  if (!pb_sandbox_faults_add_json (self->faults, body, &error))
    {
      pb_sandbox_reply_error (msg, PB_SANDBOX_API_ADMIN, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                              "invalid_fault", error->message);
      return;
    }

  faults = pb_sandbox_faults_to_json (self->faults);
  pb_sandbox_reply_json (msg, SOUP_STATUS_CREATED, "application/json", faults);
}

typedef gboolean (*UpdateFunc) (PbSandboxState  *state,
                                JsonNode        *body,
                                JsonArray      **findings);

static gboolean
update (PbSandboxAdmin    *self,
        SoupServerMessage *msg,
        UpdateFunc         func)
{
  g_autoptr(JsonNode) body = read_body (msg);
  JsonArray *findings = NULL;

  if (body == NULL)
    return FALSE;

  if (!func (self->state, body, &findings))
    {
      pb_sandbox_reply_errors (msg, PB_SANDBOX_API_ADMIN, SOUP_STATUS_UNPROCESSABLE_ENTITY, findings);
      return FALSE;
    }

  return TRUE;
}

/* Elsewhere, some of the keys of a PUT body may be changed at once. */
static gboolean
store_partial_configuration (PbSandboxState  *state,
                             JsonNode        *body,
                             JsonArray      **findings)
{
  return pb_sandbox_state_store_configuration (state, body, TRUE, findings);
}

static void
reset (PbSandboxAdmin *self)
{
  pb_sandbox_state_reset (self->state);
  pb_sandbox_faults_clear (self->faults);
  for (guint i = 0; self->initial_faults[i] != NULL; i++)
    pb_sandbox_faults_add_spec (self->faults, self->initial_faults[i], NULL);
  pb_sandbox_request_log_clear (self->log);
}

void
pb_sandbox_admin_handle (PbSandboxAdmin    *self,
                         PbSandboxRouteId   route,
                         SoupServerMessage *msg)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_if_fail (PB_IS_SANDBOX_ADMIN (self));

  switch (route)
    {
    case PB_SANDBOX_ROUTE_ADMIN_FAULTS_GET:
      node = pb_sandbox_faults_to_json (self->faults);
      reply (msg, node);
      break;
    case PB_SANDBOX_ROUTE_ADMIN_FAULTS_POST:
      handle_add_fault (self, msg);
      break;
    case PB_SANDBOX_ROUTE_ADMIN_FAULTS_DELETE:
      pb_sandbox_faults_clear (self->faults);
      reply_no_content (msg);
      break;

    case PB_SANDBOX_ROUTE_ADMIN_CONFIGURATION_PUT:
      if (update (self, msg, store_partial_configuration))
        reply_configuration (self, msg);
      break;
    case PB_SANDBOX_ROUTE_ADMIN_ACCOUNT_PUT:
      if (update (self, msg, pb_sandbox_state_update_account))
        {
          node = pb_sandbox_state_account_to_json (self->state, FALSE);
          reply (msg, node);
        }
      break;
    case PB_SANDBOX_ROUTE_ADMIN_ORG_GET:
      node = pb_sandbox_state_lists_to_json (self->state);
      reply (msg, node);
      break;
    case PB_SANDBOX_ROUTE_ADMIN_ORG_PUT:
      if (update (self, msg, pb_sandbox_state_update_lists))
        {
          node = pb_sandbox_state_lists_to_json (self->state);
          reply (msg, node);
        }
      break;

    case PB_SANDBOX_ROUTE_ADMIN_EXPIRE_TOKENS:
      pb_sandbox_tokens_expire_access (pb_sandbox_state_get_tokens (self->state));
      reply_no_content (msg);
      break;
    case PB_SANDBOX_ROUTE_ADMIN_REVOKE_REFRESH_TOKENS:
      pb_sandbox_tokens_revoke_refresh (pb_sandbox_state_get_tokens (self->state));
      reply_no_content (msg);
      break;

    case PB_SANDBOX_ROUTE_ADMIN_REQUESTS_GET:
      node = pb_sandbox_request_log_to_json (self->log);
      reply (msg, node);
      break;
    case PB_SANDBOX_ROUTE_ADMIN_REQUESTS_DELETE:
      pb_sandbox_request_log_clear (self->log);
      reply_no_content (msg);
      break;

    case PB_SANDBOX_ROUTE_ADMIN_RESET:
      reset (self);
      reply_no_content (msg);
      break;

    default:
      g_assert_not_reached ();
    }
}
