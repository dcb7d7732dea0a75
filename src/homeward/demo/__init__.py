"""The synthetic population (`homeward demo`): see `homeward.demo.population.generate`."""
