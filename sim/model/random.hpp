// The simulation's random draws, the same on every machine for a seed: std::mt19937_64 is
// specified to the bit, the draws below are written out (the standard library's distributions
// may differ between implementations).
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

namespace motcua::sim {

class random_source {
 public:
  explicit random_source(std::uint64_t seed) : bits_(seed) {}
  // Uniform in (0, 1): never 0 nor 1.
  double uniform() { return (static_cast<double>(bits_() >> 11) + 0.5) * 0x1p-53; }
  double exponential(double mean) { return -mean * std::log(uniform()); }
  // Log-normal with this mean and coefficient of variation (service times: never negative, a
  // long right tail).
  double lognormal(double mean, double cv) {
    const double sigma2 = std::log1p(cv * cv), mu = std::log(mean) - sigma2 / 2;
    return std::exp(mu + std::sqrt(sigma2) * normal());
  }
  bool chance(double p) { return uniform() < p; }

 private:
  double normal() {  // Box–Muller
    constexpr double two_pi = 6.283185307179586;
    return std::sqrt(-2 * std::log(uniform())) * std::cos(two_pi * uniform());
  }
  std::mt19937_64 bits_;
};

}  // namespace motcua::sim
