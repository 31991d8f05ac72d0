/* pb-test-remote.h: what the remote side's tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-core.h"
#include "pb-remote.h"
#include "pb-test-sandbox.h"

G_BEGIN_DECLS

/* What another administrator saves on the sandbox's platform (its admin
 * PUT /configuration): the worked example's mapping with three rows
 * changed, two of them rows the tests edit too. */
#define PB_TEST_ELSEWHERE_CONFIGURATION \
  "{\"presenceToState\":{\"Ready_for_Cases\":\"ready\",\"On_a_call\":\"busy\"," \
  "\"Away_from_desk_temporary\":\"away.break\"}," \
  "\"stateToPresence\":{\"ready\":\"Ready_for_Cases\",\"ready_offline\":\"On_a_call\",\"busy\":\"On_a_call\"," \
  "\"wrap\":\"Away_from_desk_temporary\",\"away\":\"Away_from_desk_temporary\",\"logged_out\":null}}"

/* A GAsyncReadyCallback storing a reference to the result in the
 * GAsyncResult * that @user_data points to. */
void          pb_test_on_result            (GObject        *source,
                                            GAsyncResult   *result,
                                            gpointer        user_data);
/* Runs the main context until *@slot is set; fails the test after 60 s. */
GAsyncResult *pb_test_wait                 (GAsyncResult  **slot);
/* Runs the main context for @milliseconds. */
void          pb_test_run_for              (guint           milliseconds);

/* A free TCP port on this computer (for a sign-in's callback). */
guint         pb_test_free_port            (void);

/* POST /faults; @value and @count < 0 are left out. */
void          pb_test_add_fault            (PbTestSandbox  *sandbox,
                                            const char     *endpoint,
                                            const char     *kind,
                                            int             value,
                                            int             count);
/* How many requests the sandbox logged for @endpoint (and @method, if
 * not NULL). */
guint         pb_test_count_requests       (PbTestSandbox  *sandbox,
                                            const char     *endpoint,
                                            const char     *method);
/* DELETE /requests */
void          pb_test_clear_requests       (PbTestSandbox  *sandbox);

/* A profile with the sandbox's URLs and client ids. */
PbProfile    *pb_test_sandbox_profile      (PbTestSandbox  *sandbox,
                                            const char     *name,
                                            guint           callback_port);

/* libsecret's file backend in a folder of the test's own (call before
 * anything uses libsecret). */
void          pb_test_use_file_keyring     (const char     *dir);

/* What the keyring holds for @remote's profile, asserting it could be
 * asked: a Salesforce sign-in; a platform client secret. */
gboolean      pb_test_remote_is_signed_in  (PbRemote       *remote);
gboolean      pb_test_remote_has_client_secret (PbRemote     *remote);

/* Asserts that @error's message holds none of @secrets (NULL-terminated)
 * and no URL query. */
void          pb_test_assert_no_secrets    (const GError       *error,
                                            const char * const *secrets);

/* Plays the browser's last step: GETs @callback_url (served in this
 * process) without blocking the main context; *@status is set when it
 * is answered, *@page to its text. */
void          pb_test_browser_get_async    (const char     *callback_url,
                                            guint          *status,
                                            char          **page);

G_END_DECLS
