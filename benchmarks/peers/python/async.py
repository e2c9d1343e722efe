# async: n zero-delay timers, each with a done-callback on its future, awaited in batches
# of 1000 (asyncio.gather). n = 100000.
import asyncio


async def run(n):
    loop = asyncio.get_running_loop()
    count = 0

    def done(_):
        nonlocal count
        count += 1

    i = 0
    while i < n:
        batch = []
        for _ in range(1000):
            f = loop.create_future()
            loop.call_later(0, f.set_result, None)
            f.add_done_callback(done)
            batch.append(f)
        await asyncio.gather(*batch)
        i += 1000
    return count


print(asyncio.run(run(100000)))
