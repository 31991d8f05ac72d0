/* pb-fuzz.h: what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* libFuzzer's entry points: pb-fuzz.c defines the first for every target,
 * each target its own second. */
int  LLVMFuzzerInitialize     (int           *argc,
                               char        ***argv);
int  LLVMFuzzerTestOneInput   (const uint8_t *data,
                               size_t         size);

/* A refusal of a server's answer: in the remote side's error domain or
 * the core's, with a message on one line that is not empty. */
void pb_fuzz_assert_refusal   (const GError  *error,
                               GQuark         domain,
                               GQuark         other_domain);

G_END_DECLS
