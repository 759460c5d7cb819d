<?php

declare(strict_types=1);

require __DIR__ . '/../src/Guestbook.php';

function check(bool $condition, string $what): void
{
    if (!$condition) {
        fwrite(STDERR, "FAIL: $what\n");
        exit(1);
    }
    echo "ok - $what\n";
}

$book = new Guestbook(':memory:');
check($book->latest() === [], 'a new guestbook is empty');
$book->sign('Ada', 'Hello there');
$book->sign('Grace', 'Nice page');
$latest = $book->latest();
check(count($latest) === 2, 'two entries after two signatures');
check($latest[0]['name'] === 'Grace', 'the newest entry comes first');
try {
    $book->sign('  ', 'no name');
    check(false, 'an empty name is refused');
} catch (InvalidArgumentException $e) {
    check(true, 'an empty name is refused');
}
