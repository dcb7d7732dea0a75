"""Testimonies: debriefings of witnesses, the persons they mention, how each mention is
resolved to a person in the register (a `testimony_sighting` on him) or left open, and what
places of detention look like through them."""

from homeward.testimonies import hooks as hooks  # re-examines open mentions as persons arrive
