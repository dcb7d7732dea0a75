"""`python -m homeward.demo --persons N --seed S`: the synthetic population as JSON Lines."""

from homeward.demo.export import main

main()
