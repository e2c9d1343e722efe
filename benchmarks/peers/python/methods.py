# methods: a Point class with a method called n = 10000000 times.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def sum(self):
        return self.x + self.y


def run(n):
    p = Point(1, 2)
    s = 0
    for _ in range(n):
        s += p.sum()
    return s


print(run(10000000))
