/* pb-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-profile.h"
