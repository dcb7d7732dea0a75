"""Custody: the Geneva Convention bureau for the prisoners our side holds (GC III).

Their fate and whereabouts are evidence on the person (the status rules decide the status);
this package holds the work: internments and their serial numbers, capture cards, notification
batches, correspondence, medical inspections and reports, visits, deaths, effects, the profile;
and the duties with their clocks (`clocks`, pure). See docs/custody.md.
"""
